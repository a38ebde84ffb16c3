/**
 * Sending messages through providers: what a message to send is, what a provider answers, and the port each
 * provider's client implements (adapters live in infra).
 */
@NullMarked
package io.funnelstream.engine.send;

import org.jspecify.annotations.NullMarked;
