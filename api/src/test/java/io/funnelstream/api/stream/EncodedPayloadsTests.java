package io.funnelstream.api.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.stream.LiveScope;
import io.funnelstream.engine.stream.ScopeFigures;
import io.funnelstream.engine.stream.StreamEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EncodedPayloadsTests {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final EncodedPayloads payloads = new EncodedPayloads(mapper);
    private final LiveScope overview = LiveScope.parse("overview").orElseThrow();

    @Test
    void shouldEncodeAnEventOnceForEveryConnectionThatSendsIt() {
        StreamEvent event = event(7, Instant.parse("2026-11-26T04:00:00Z"));

        String first = payloads.of(overview, event, true);

        assertThat(payloads.of(overview, event, true)).isSameAs(first);
        assertThat(mapper.readTree(first)).isEqualTo(mapper.valueToTree(EventPayloads.of(overview, event, true)));
    }

    @Test
    void shouldTellEventsSnapshotsAndScopesApart() {
        StreamEvent event = event(7, Instant.parse("2026-11-26T04:00:00Z"));
        StreamEvent equalButAnother = event(7, Instant.parse("2026-11-26T04:00:00Z"));
        StreamEvent later = event(8, Instant.parse("2026-11-26T04:00:01Z"));

        JsonNode delta = mapper.readTree(payloads.of(overview, event, true));
        JsonNode snapshot = mapper.readTree(payloads.of(overview, event, false));
        JsonNode next = mapper.readTree(payloads.of(overview, later, true));
        JsonNode email = mapper.readTree(payloads.of(LiveScope.parse("channel:email").orElseThrow(), event, true));

        assertThat(delta.has("changed")).isTrue();
        assertThat(snapshot.has("changed")).isFalse();
        assertThat(next.get("at").asString()).isEqualTo("2026-11-26T04:00:01Z");
        assertThat(email.get("scope").asString()).isEqualTo("channel:email");
        assertThat(payloads.of(overview, equalButAnother, true)).isEqualTo(payloads.of(overview, event, true));
    }

    private static StreamEvent event(long id, Instant at) {
        return new StreamEvent(id, new ScopeFigures(at, Map.of()), Map.of("today", Set.of("stage.sent")));
    }
}
