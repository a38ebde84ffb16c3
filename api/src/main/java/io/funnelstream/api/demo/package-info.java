/** The demo simulator of {@code run --demo}: a demo tenant whose signed provider webhooks keep the dashboard moving. */
@NullMarked
package io.funnelstream.api.demo;

import org.jspecify.annotations.NullMarked;
