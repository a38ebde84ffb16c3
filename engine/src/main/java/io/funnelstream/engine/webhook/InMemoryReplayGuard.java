package io.funnelstream.engine.webhook;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A {@link ReplayGuard} for one process: bounded (the oldest token goes first when full) and expiring. Only
 * tokens that passed signature verification are claimed, so only genuine traffic can fill it; size it for the
 * peak webhook rate times the replay window.
 */
public final class InMemoryReplayGuard implements ReplayGuard {

    private final Clock clock;
    private final int capacity;
    private final LinkedHashMap<String, Entry> tokens = new LinkedHashMap<>();

    private record Entry(byte[] fingerprint, Instant expiresAt) {}

    public InMemoryReplayGuard(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public Mono<Claim> claim(String token, byte[] fingerprint, Instant expiresAt) {
        byte[] copy = fingerprint.clone();
        return Mono.fromSupplier(() -> claimNow(token, copy, expiresAt));
    }

    private synchronized Claim claimNow(String token, byte[] fingerprint, Instant expiresAt) {
        Instant now = clock.instant();
        evictExpired(now);
        Entry known = tokens.get(token);
        if (known != null && known.expiresAt().isAfter(now)) {
            return MessageDigest.isEqual(known.fingerprint(), fingerprint) ? Claim.REPEATED : Claim.CONFLICT;
        }
        tokens.remove(token);
        while (tokens.size() >= capacity) {
            Iterator<String> oldest = tokens.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        tokens.put(token, new Entry(fingerprint, expiresAt));
        return Claim.FIRST;
    }

    /** Tokens arrive roughly in expiry order, so expired ones gather at the head. */
    private void evictExpired(Instant now) {
        Iterator<Map.Entry<String, Entry>> it = tokens.entrySet().iterator();
        while (it.hasNext() && !it.next().getValue().expiresAt().isAfter(now)) {
            it.remove();
        }
    }

    /** How many tokens are remembered now, expired ones included until evicted. */
    public synchronized int size() {
        return tokens.size();
    }
}
