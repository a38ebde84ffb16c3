package io.funnelstream.engine.send;

import io.funnelstream.engine.tracking.TokenVerdict;
import io.funnelstream.engine.tracking.TrackingClaims;
import io.funnelstream.engine.tracking.TrackingTokens;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Survey links signed with the tracking endpoint's own {@link TrackingTokens}: the token a message carries is the
 * one the tracking endpoint verifies, under the same keys and their rotation.
 */
public final class TokenTrackingLinks implements TrackingLinks {

    private final TrackingTokens tokens;

    public TokenTrackingLinks(TrackingTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public String token(TrackingToken token) {
        return tokens.mint(new TrackingClaims(token.tenant(), token.messageId(), token.recipientId(),
                token.distributionId(), null, token.expiresAt()));
    }

    @Override
    public Optional<TrackingToken> verify(String token, Instant now) {
        if (!(tokens.verify(token) instanceof TokenVerdict.Valid(TrackingClaims claims))
                || claims.recipientId() == null || claims.distributionId() == null
                || !now.isBefore(claims.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(new TrackingToken(claims.tenant(), claims.distributionId(), claims.recipientId(),
                claims.messageId(), claims.expiresAt()));
    }
}
