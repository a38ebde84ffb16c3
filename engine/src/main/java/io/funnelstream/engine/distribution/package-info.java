/**
 * Distributions: what one is made of (survey, recipients, channels in fallback order, template, schedule), the
 * checks of recipients' addresses, numbers, locales and fields, and the port that stores them.
 */
@NullMarked
package io.funnelstream.engine.distribution;

import org.jspecify.annotations.NullMarked;
