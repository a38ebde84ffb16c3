package io.funnelstream.engine.tracking;

import io.funnelstream.engine.model.SurveyEvent;
import io.funnelstream.engine.model.SurveyProgress;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.SurveyProgressSource;
import java.time.Duration;
import java.util.List;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;
import reactor.util.retry.Retry;

/**
 * Detects abandonment in the engine: the open surveys Postgres knows at start, then the progress the pipeline
 * reports after each batch, go through {@link AbandonmentTimers}; each abandonment concluded is appended to the
 * event log like any funnel event (retried until the log takes it), so the pipeline stores and counts it once, and
 * refuses it if the respondent came back or completed meanwhile. Nothing scans tables periodically: Postgres is
 * read once, at start, to rebuild the timers a restart lost.
 */
public final class AbandonmentDetector {

    private static final Logger log = Loggers.getLogger(AbandonmentDetector.class);

    private final SurveyProgressSource source;
    private final Flux<SurveyProgress> live;
    private final EventLog eventLog;
    private final AbandonmentTimers timers;
    private final Duration retryBackoff;

    /**
     * @param live the pipeline's progress ({@code RollupPipeline#surveyProgress()})
     */
    public AbandonmentDetector(SurveyProgressSource source, Flux<SurveyProgress> live, EventLog eventLog,
            AbandonmentTimers timers, Duration retryBackoff) {
        this.source = source;
        this.live = live;
        this.eventLog = eventLog;
        this.timers = timers;
        this.retryBackoff = retryBackoff;
    }

    /** Runs until disposed. */
    public Disposable start() {
        return run().subscribe(null, e -> log.error("abandonment detection stopped", e));
    }

    /** The abandonments appended, as they are. */
    public Flux<SurveyEvent> run() {
        Flux<SurveyProgress> atStart = source.openSurveys()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, retryBackoff).maxBackoff(retryBackoff.multipliedBy(30)))
                .doOnComplete(() -> log.info("inactivity timers rebuilt from Postgres"));
        return Flux.merge(live, atStart)
                .transform(timers)
                .concatMap(this::append)
                .name("abandonment-detection");
    }

    private Mono<SurveyEvent> append(SurveyEvent abandonment) {
        return eventLog.append(List.of(LogRecord.of(abandonment)))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, retryBackoff).maxBackoff(retryBackoff.multipliedBy(30))
                        .doBeforeRetry(s -> log.warn("cannot append an abandonment yet: {}", s.failure().toString())))
                .thenReturn(abandonment);
    }
}
