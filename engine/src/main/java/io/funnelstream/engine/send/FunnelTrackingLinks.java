package io.funnelstream.engine.send;

import io.funnelstream.engine.tracking.TokenVerdict;
import io.funnelstream.engine.tracking.TrackingClaims;
import io.funnelstream.engine.tracking.TrackingTokens;
import java.time.Instant;
import java.util.Optional;

/**
 * Survey links carrying the funnel tracking's own tokens ({@link TrackingTokens}, {@code ft} parameter), so that
 * the tracking endpoint accepts the events of the pages they lead to.
 */
public final class FunnelTrackingLinks implements TrackingLinks {

    /** The query parameter the survey page's tracker reads. */
    public static final String FUNNEL_PARAMETER = "ft";

    private final TrackingTokens tokens;

    public FunnelTrackingLinks(TrackingTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public String parameter() {
        return FUNNEL_PARAMETER;
    }

    @Override
    public String token(TrackingToken token) {
        return tokens.mint(new TrackingClaims(token.tenant(), token.messageId(), token.recipientId(),
                token.distributionId(), null, token.expiresAt()));
    }

    @Override
    public Optional<TrackingToken> verify(String token, Instant now) {
        if (tokens.verify(token) instanceof TokenVerdict.Valid(TrackingClaims c)
                && c.recipientId() != null && c.distributionId() != null && c.expiresAt().isAfter(now)) {
            return Optional.of(new TrackingToken(c.tenant(), c.distributionId(), c.recipientId(), c.messageId(),
                    c.expiresAt()));
        }
        return Optional.empty();
    }
}
