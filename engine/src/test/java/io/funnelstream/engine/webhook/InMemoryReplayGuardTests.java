package io.funnelstream.engine.webhook;

import static io.funnelstream.engine.support.Webhooks.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelstream.engine.support.MutableClock;
import io.funnelstream.engine.webhook.ReplayGuard.Claim;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTests {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final byte[] BODY = {1, 2, 3};
    private static final byte[] OTHER_BODY = {1, 2, 4};

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 3);

    @Test
    void shouldTellFirstUseRepeatAndConflict() {
        Instant expiry = START.plus(Duration.ofMinutes(5));

        assertThat(await(guard.claim("t1", BODY, expiry))).isEqualTo(Claim.FIRST);
        assertThat(await(guard.claim("t1", BODY.clone(), expiry))).isEqualTo(Claim.REPEATED);
        assertThat(await(guard.claim("t1", OTHER_BODY, expiry))).isEqualTo(Claim.CONFLICT);
        assertThat(await(guard.claim("t2", OTHER_BODY, expiry))).isEqualTo(Claim.FIRST);
    }

    @Test
    void shouldForgetTokensOnceTheyExpire() {
        await(guard.claim("t1", BODY, START.plusSeconds(60)));

        clock.advance(Duration.ofSeconds(59));
        assertThat(await(guard.claim("t1", OTHER_BODY, START.plusSeconds(60)))).isEqualTo(Claim.CONFLICT);
        clock.advance(Duration.ofSeconds(1));
        assertThat(await(guard.claim("t1", OTHER_BODY, START.plusSeconds(120)))).isEqualTo(Claim.FIRST);
        assertThat(guard.size()).isEqualTo(1);
    }

    @Test
    void shouldStayWithinCapacityByDroppingTheOldest() {
        Instant expiry = START.plus(Duration.ofMinutes(5));
        for (String token : new String[] {"a", "b", "c", "d"}) {
            await(guard.claim(token, BODY, expiry));
        }

        assertThat(guard.size()).isEqualTo(3);
        assertThat(await(guard.claim("a", OTHER_BODY, expiry))).isEqualTo(Claim.FIRST);
        assertThat(await(guard.claim("d", OTHER_BODY, expiry))).isEqualTo(Claim.CONFLICT);
    }

    @Test
    void shouldNotBeFooledByAFingerprintChangedAfterTheClaim() {
        byte[] fingerprint = BODY.clone();
        await(guard.claim("t", fingerprint, START.plusSeconds(60)));
        fingerprint[0] = 9;

        assertThat(await(guard.claim("t", BODY, START.plusSeconds(60)))).isEqualTo(Claim.REPEATED);
    }

    @Test
    void shouldRefuseANonPositiveCapacity() {
        assertThatThrownBy(() -> new InMemoryReplayGuard(clock, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
