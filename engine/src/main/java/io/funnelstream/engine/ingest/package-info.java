/** The front door for provider webhooks: dispatch by provider, verify, then normalise. */
@NullMarked
package io.funnelstream.engine.ingest;

import org.jspecify.annotations.NullMarked;
