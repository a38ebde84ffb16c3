/** Load generator and setup for the webhook ingestion routes, run by hand on loopback; figures go to RESULTS.md. */
@NullMarked
package io.funnelstream.benchmarks.webhook;

import org.jspecify.annotations.NullMarked;
