package io.funnelstream.infra.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.webhook.ReplayGuard.Claim;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RedisReplayGuardIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static LocalRedis redis;
    private static RedisReplayGuard guard;

    @BeforeAll
    static void connect() {
        redis = LocalRedis.connect();
        guard = new RedisReplayGuard(redis.connection().reactive(), redis.prefix() + ":replay:", Clock.systemUTC());
    }

    @AfterAll
    static void cleanUp() {
        redis.close();
    }

    @Test
    void shouldTellFirstClaimRetransmissionAndForgeryApart() {
        String token = "mailgun:tenant:" + UUID.randomUUID();
        Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5));

        expect(guard.claim(token, bytes("body"), expiresAt), Claim.FIRST);
        expect(guard.claim(token, bytes("body"), expiresAt), Claim.REPEATED);
        expect(guard.claim(token, bytes("other body"), expiresAt), Claim.CONFLICT);
    }

    @Test
    void shouldExpireTokenWithItsWindow() {
        String token = "mailgun:tenant:" + UUID.randomUUID();
        expect(guard.claim(token, bytes("body"), Instant.now().plus(Duration.ofMinutes(5))), Claim.FIRST);

        Long ttl = redis.connection().sync().pttl(guard.key(token));
        assertThat(ttl).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(5).toMillis());
        assertThat(guard.key(token)).startsWith(redis.prefix() + ":replay:").doesNotContain(token);
    }

    @Test
    void shouldLetExactlyOneOfManyConcurrentClaimsWin() {
        String token = "mailgun:tenant:" + UUID.randomUUID();
        Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5));

        StepVerifier.create(Flux.range(0, 50)
                        .flatMap(i -> guard.claim(token, bytes("body"), expiresAt), 50)
                        .collectList())
                .assertNext(claims -> {
                    assertThat(claims).hasSize(50);
                    assertThat(claims).filteredOn(c -> c == Claim.FIRST).hasSize(1);
                    assertThat(claims).filteredOn(c -> c == Claim.REPEATED).hasSize(49);
                })
                .expectComplete()
                .verify(WAIT);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void expect(Mono<Claim> claim, Claim expected) {
        StepVerifier.create(claim).expectNext(expected).expectComplete().verify(WAIT);
    }
}
