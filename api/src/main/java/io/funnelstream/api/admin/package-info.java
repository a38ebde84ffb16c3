/** Administration of a tenant's data: rebuilding its rollups. */
@NullMarked
package io.funnelstream.api.admin;

import org.jspecify.annotations.NullMarked;
