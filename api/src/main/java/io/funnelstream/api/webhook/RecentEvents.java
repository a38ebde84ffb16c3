package io.funnelstream.api.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.funnelstream.engine.model.MessageEvent;
import java.util.List;

/**
 * The keys (tenant, provider, provider event id) of events this instance appended lately, bounded in count and
 * time, to recognise a provider's retry at the edge: count it as a duplicate and spare the log a second copy. Only
 * keys whose append completed are remembered. Not a guarantee: a retry reaching another instance, or arriving after
 * its key was evicted, is appended again, and the pipeline's unique constraint on message events keeps it once.
 */
final class RecentEvents {

    private final Cache<MessageEvent.EventKey, Boolean> keys;

    RecentEvents(WebhookProperties.CacheSpec spec) {
        this.keys = Caffeine.newBuilder()
                .maximumSize(spec.maxEntries())
                .expireAfterWrite(spec.timeToLive())
                .build();
    }

    /** The events whose keys were not appended lately, in their order. */
    List<MessageEvent> unseen(List<MessageEvent> events) {
        return events.stream().filter(event -> keys.getIfPresent(event.key()) == null).toList();
    }

    /** Remembers events whose append completed. */
    void appended(List<MessageEvent> events) {
        events.forEach(event -> keys.put(event.key(), Boolean.TRUE));
    }
}
