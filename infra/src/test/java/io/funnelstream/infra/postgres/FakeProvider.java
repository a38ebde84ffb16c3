package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.OutboundMessage;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.SendOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import reactor.core.publisher.Mono;

/**
 * A provider that honours idempotency keys like a real one would: it counts every call, and every message it
 * accepted (by key) with how often. It can be down (503, retryable) for a range of calls, and refuse addresses
 * for good or for now.
 */
final class FakeProvider implements ProviderClient {

    final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    final Map<String, OutboundMessage> messages = new ConcurrentHashMap<>();
    final AtomicLong calls = new AtomicLong();
    final Set<String> permanent = ConcurrentHashMap.newKeySet();
    final Set<String> throttled = ConcurrentHashMap.newKeySet();
    volatile LongPredicate downForCall = call -> false;
    private final Provider provider;

    FakeProvider() {
        this(Provider.SENDGRID);
    }

    FakeProvider(Provider provider) {
        this.provider = provider;
    }

    @Override
    public Provider provider() {
        return provider;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message, Map<String, String> credentials) {
        return Mono.fromSupplier(() -> {
            long call = calls.incrementAndGet();
            if (downForCall.test(call)) {
                return new SendOutcome.Failed("503", "Service Unavailable", true, null);
            }
            if (permanent.contains(message.to())) {
                return new SendOutcome.Failed("400", "The to address is invalid", false, null);
            }
            if (throttled.contains(message.to())) {
                return new SendOutcome.Failed("429", "Too Many Requests", true, Duration.ofSeconds(120));
            }
            accepted.computeIfAbsent(message.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
            messages.put(message.idempotencyKey(), message);
            return new SendOutcome.Accepted((provider == Provider.SENDGRID ? "sg" : provider.slug()) + "-"
                    + message.idempotencyKey());
        });
    }
}
