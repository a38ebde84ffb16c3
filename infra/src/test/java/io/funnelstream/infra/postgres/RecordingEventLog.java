package io.funnelstream.infra.postgres;

import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.EventLogUnavailableException;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.LogRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An event log that keeps what is appended, and can be down. */
final class RecordingEventLog implements EventLog {

    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    volatile boolean down;

    @Override
    public Mono<Void> append(List<LogRecord> batch) {
        if (down) {
            return Mono.error(new EventLogUnavailableException("down for the test"));
        }
        records.addAll(batch);
        return Mono.empty();
    }

    @Override
    public Flux<LogBatch> consume(String consumerGroup, LogPositions positions) {
        return Flux.never();
    }
}
