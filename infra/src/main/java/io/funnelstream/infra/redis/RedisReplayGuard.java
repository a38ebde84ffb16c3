package io.funnelstream.infra.redis;

import io.funnelstream.engine.webhook.ReplayGuard;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * A {@link ReplayGuard} shared by every instance: one key per token, {@code <prefix><sha256(token)>}, holding the
 * body's fingerprint, written with {@code SET NX PX} so exactly one claim wins and the key expires with the token.
 * A claim that loses reads the winner's fingerprint to tell a retransmission from a forgery.
 */
public final class RedisReplayGuard implements ReplayGuard {

    private static final HexFormat HEX = HexFormat.of();

    private final RedisClusterReactiveCommands<String, String> redis;
    private final String keyPrefix;
    private final Clock clock;

    public RedisReplayGuard(RedisClusterReactiveCommands<String, String> redis, String keyPrefix, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Mono<Claim> claim(String token, byte[] fingerprint, Instant expiresAt) {
        String key = key(token);
        String value = HEX.formatHex(fingerprint);
        return Mono.defer(() -> {
            long ttl = Math.max(1, Duration.between(clock.instant(), expiresAt).toMillis());
            return set(key, value, ttl)
                    .switchIfEmpty(Mono.defer(() -> compare(key, value))
                            // the winner expired between SET and GET: the token is free again, claim it once more
                            .switchIfEmpty(Mono.defer(() -> set(key, value, ttl)))
                            .defaultIfEmpty(Claim.CONFLICT));
        });
    }

    /** The key a token is remembered under. */
    public String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return keyPrefix + HEX.formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }

    private Mono<Claim> set(String key, String value, long ttlMillis) {
        return redis.set(key, value, SetArgs.Builder.nx().px(ttlMillis)).map(ok -> Claim.FIRST);
    }

    private Mono<Claim> compare(String key, String value) {
        return redis.get(key).map(stored -> MessageDigest.isEqual(
                stored.getBytes(StandardCharsets.US_ASCII), value.getBytes(StandardCharsets.US_ASCII))
                ? Claim.REPEATED
                : Claim.CONFLICT);
    }
}
