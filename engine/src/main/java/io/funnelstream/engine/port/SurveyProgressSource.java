package io.funnelstream.engine.port;

import io.funnelstream.engine.model.SurveyProgress;
import reactor.core.publisher.Flux;

/** Where inactivity timers are rebuilt from at start: the surveys Postgres knows as started and still open. */
public interface SurveyProgressSource {

    /**
     * Every respondent, of every tenant, who started a survey and has neither completed nor been counted as
     * abandoned since their last activity. Read once at start, never polled.
     */
    Flux<SurveyProgress> openSurveys();
}
