/** Command-line modes of the service jar that run without the web server. */
@NullMarked
package io.funnelstream.api.cli;

import org.jspecify.annotations.NullMarked;
