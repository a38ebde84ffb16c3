/** The Funnelstream service: a Spring Boot WebFlux application over the engine and its adapters. */
@NullMarked
package io.funnelstream.api;

import org.jspecify.annotations.NullMarked;
