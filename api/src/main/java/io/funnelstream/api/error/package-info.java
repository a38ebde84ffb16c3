/** RFC 9457 problem details for every HTTP error, with stable type URIs. */
@NullMarked
package io.funnelstream.api.error;

import org.jspecify.annotations.NullMarked;
