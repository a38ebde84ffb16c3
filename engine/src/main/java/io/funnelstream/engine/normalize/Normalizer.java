package io.funnelstream.engine.normalize;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.Verification;

/**
 * Turns one verified webhook request of a provider into canonical events, a control answer or a rejection.
 * Pure and total: whatever the bytes, it returns a {@link Normalized} and never throws.
 */
public interface Normalizer {

    Provider provider();

    Normalized normalize(Verification.Verified verified);
}
