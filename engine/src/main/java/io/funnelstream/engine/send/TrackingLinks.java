package io.funnelstream.engine.send;

import java.time.Instant;
import java.util.Optional;

/**
 * Personalised survey links: the survey's link with a signed, unguessable tracking token added, and the check
 * of such a token when the survey page reports funnel events.
 */
public interface TrackingLinks {

    /** The query parameter that carries the token, where survey-tracking.js looks for it. */
    String PARAMETER = "ft";

    /** The token for one message, signed. */
    String token(TrackingToken token);

    /** What the token stands for, if it is genuine and not expired at {@code now}. */
    Optional<TrackingToken> verify(String token, Instant now);

    /** {@code surveyLink} with the token added as the {@value #PARAMETER} query parameter. */
    default String link(String surveyLink, TrackingToken token) {
        int fragment = surveyLink.indexOf('#');
        String base = fragment < 0 ? surveyLink : surveyLink.substring(0, fragment);
        String tail = fragment < 0 ? "" : surveyLink.substring(fragment);
        return base + (base.contains("?") ? "&" : "?") + PARAMETER + "=" + token(token) + tail;
    }
}
