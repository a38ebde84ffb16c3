/** Test fixtures shared by every module's tests: an in-process Kafka broker and per-class Redis key prefixes. */
@NullMarked
package io.funnelstream.testkit;

import org.jspecify.annotations.NullMarked;
