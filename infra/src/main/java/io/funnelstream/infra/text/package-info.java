/** Text forms the adapters write and read at high volume, done without the general-purpose formatters. */
@NullMarked
package io.funnelstream.infra.text;

import org.jspecify.annotations.NullMarked;
