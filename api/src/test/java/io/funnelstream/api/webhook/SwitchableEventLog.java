package io.funnelstream.api.webhook;

import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.EventLogUnavailableException;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.LogRecord;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The real event log, unless a test makes it fail or hang; counts the appends that reach it. */
final class SwitchableEventLog implements EventLog {

    enum Mode { WORKING, FAILING, HANGING }

    private final EventLog real;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.WORKING);
    private final AtomicInteger appends = new AtomicInteger();

    SwitchableEventLog(EventLog real) {
        this.real = real;
    }

    void set(Mode value) {
        mode.set(value);
    }

    int appends() {
        return appends.get();
    }

    @Override
    public Mono<Void> append(List<LogRecord> records) {
        return Mono.defer(() -> {
            appends.incrementAndGet();
            return switch (mode.get()) {
                case WORKING -> real.append(records);
                case FAILING -> Mono.error(new EventLogUnavailableException("event log switched off by the test"));
                case HANGING -> Mono.never();
            };
        });
    }

    @Override
    public Flux<LogBatch> consume(String consumerGroup, LogPositions positions) {
        return real.consume(consumerGroup, positions);
    }
}
