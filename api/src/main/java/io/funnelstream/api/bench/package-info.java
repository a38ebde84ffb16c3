/** A no-op endpoint, present only with the {@code bench} profile: the HTTP ceiling benchmarks compare against. */
@NullMarked
package io.funnelstream.api.bench;

import org.jspecify.annotations.NullMarked;
