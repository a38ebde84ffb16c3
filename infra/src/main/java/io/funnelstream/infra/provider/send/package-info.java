/**
 * Sending through providers' APIs (SendGrid, Mailgun, Amazon SES, SMTP, Twilio, Unifonic, Meta WhatsApp Cloud), each
 * client non-blocking and wrapped in its own time limit, retries, circuit breaker, rate limiter and bulkhead.
 */
@NullMarked
package io.funnelstream.infra.provider.send;

import org.jspecify.annotations.NullMarked;
