/** Redis (reactive Lettuce): rolling aggregates as hashes sharded by tenant, applied by Lua scripts. */
@NullMarked
package io.funnelstream.infra.redis;

import org.jspecify.annotations.NullMarked;
