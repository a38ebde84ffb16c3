/** Structured logs and the redaction of personal data in them. */
@NullMarked
package io.funnelstream.api.logging;

import org.jspecify.annotations.NullMarked;
