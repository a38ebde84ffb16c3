package io.funnelstream.api.stream;

import io.funnelstream.engine.stream.LiveScope;
import io.funnelstream.engine.stream.StreamEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of each update, written once however many connections send it: a scope's hub hands the same
 * {@link StreamEvent} to every subscriber, so the first connection to send it encodes it ({@link EventPayloads}) and
 * the others reuse the text. Keeps the most recent encodings only; an event no longer kept is encoded again.
 */
final class EncodedPayloads {

    private static final int KEEP = 512;

    private final JsonMapper mapper;
    private final Map<Key, String> recent = new LinkedHashMap<>(KEEP, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
            return size() > KEEP;
        }
    };

    EncodedPayloads(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The JSON of the event's {@code snapshot} ({@code withChanges} false) or {@code delta} data. */
    String of(LiveScope scope, StreamEvent event, boolean withChanges) {
        Key key = new Key(scope.name(), event, withChanges);
        synchronized (recent) {
            String found = recent.get(key);
            if (found != null) {
                return found;
            }
        }
        String json = mapper.writeValueAsString(EventPayloads.of(scope, event, withChanges));
        synchronized (recent) {
            recent.put(key, json);
        }
        return json;
    }

    /** Identifies an event by identity: the hub shares one instance among subscribers, and equals would be deep. */
    private record Key(String scope, StreamEvent event, boolean withChanges) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.event == event && k.withChanges == withChanges && k.scope.equals(scope);
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(event) + (withChanges ? 1 : 0);
        }
    }
}
