/** The experiments API: A/B tests on distributions, their life, results and sample sizes. */
@NullMarked
package io.funnelstream.api.experiment;

import org.jspecify.annotations.NullMarked;
