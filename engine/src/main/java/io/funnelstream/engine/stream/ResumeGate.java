package io.funnelstream.engine.stream;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decides, for one connection, what each update of the scope becomes. The first update seen is the scope's
 * latest: a new client gets it as a snapshot; a resuming client gets the updates it missed from the ring, or a
 * snapshot when the ring no longer holds them all (or the id is not this scope's). Later updates are deltas,
 * each sent once.
 */
final class ResumeGate {

    private final ReplayRing ring;
    private final long firstId;
    private final @Nullable Long lastEventId;
    private final StreamListener listener;
    private long lastSent = Long.MIN_VALUE;
    private boolean started;

    ResumeGate(ReplayRing ring, long firstId, @Nullable Long lastEventId, StreamListener listener) {
        this.ring = ring;
        this.firstId = firstId;
        this.lastEventId = lastEventId;
        this.listener = listener;
    }

    List<StreamItem> admit(StreamEvent event) {
        if (started) {
            if (event.id() <= lastSent) {
                return List.of();
            }
            lastSent = event.id();
            return List.of(new StreamItem.Delta(event));
        }
        started = true;
        lastSent = event.id();
        if (lastEventId == null) {
            return List.of(new StreamItem.Snapshot(event));
        }
        if (lastEventId < firstId || lastEventId > event.id()) {
            listener.reconnected(false);
            return List.of(new StreamItem.Snapshot(event));
        }
        return ring.between(lastEventId, event.id())
                .<List<StreamItem>>map(missed -> {
                    listener.reconnected(true);
                    List<StreamItem> out = new ArrayList<>(missed.size());
                    missed.forEach(e -> out.add(new StreamItem.Delta(e)));
                    return out;
                })
                .orElseGet(() -> {
                    listener.reconnected(false);
                    return List.of(new StreamItem.Snapshot(event));
                });
    }
}
