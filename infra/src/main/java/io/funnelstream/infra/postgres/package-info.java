/** PostgreSQL: migrations over JDBC, tenant-scoped R2DBC transactions, and the adapters built on them. */
@NullMarked
package io.funnelstream.infra.postgres;

import org.jspecify.annotations.NullMarked;
