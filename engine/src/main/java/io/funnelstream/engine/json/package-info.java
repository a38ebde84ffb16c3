/** A small, strict RFC 8259 JSON parser for provider payloads, since the engine carries no JSON library. */
@NullMarked
package io.funnelstream.engine.json;

import org.jspecify.annotations.NullMarked;
