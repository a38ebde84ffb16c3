/** Test support: local databases, brokers and probe handlers. */
@NullMarked
package io.funnelstream.api.support;

import org.jspecify.annotations.NullMarked;
