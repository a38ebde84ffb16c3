/** HTTP security: who may reach which route. */
@NullMarked
package io.funnelstream.api.security;

import org.jspecify.annotations.NullMarked;
