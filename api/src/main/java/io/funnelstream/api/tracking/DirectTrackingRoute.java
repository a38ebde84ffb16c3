package io.funnelstream.api.tracking;

import io.funnelstream.api.web.DirectResponses;
import io.funnelstream.api.web.DirectRoute;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/tracking/events} as a {@link DirectRoute}, ahead of the handler chain: every survey page sends one
 * beacon per funnel step, and the chain cost more than the beacon's own work. The route needs none of it: it is open
 * to anyone and checks the signed token inside each beacon, bounds its own body, answers every outcome itself and
 * counts itself in {@link TrackingMetrics}. Its answers get the CORS headers of {@link TrackingCorsFilter}
 * (preflights, being {@code OPTIONS}, still go through the filter) and are written by {@link DirectResponses} as the
 * chain would.
 *
 * <p>Only a {@code POST} to exactly that path takes this way; {@link TrackingController} keeps the rest (a path
 * with encoded characters, the tracker script). While the message tracking feature is switched off the route is not
 * installed, and the feature gate answers.
 */
final class DirectTrackingRoute extends DirectRoute {

    private final TrackingIngestion ingestion;
    private final TrackingCorsFilter cors;

    /** @param enabled false while the message tracking feature is off: requests then all go down the chain */
    DirectTrackingRoute(TrackingIngestion ingestion, TrackingCorsFilter cors, DirectResponses responses,
            boolean enabled) {
        super(enabled, responses);
        this.ingestion = ingestion;
        this.cors = cors;
    }

    @Override
    protected @Nullable Mono<Void> serve(ServerHttpRequest request, ServerHttpResponse response) {
        if (request.getMethod() != HttpMethod.POST
                || !TrackingController.EVENTS.equals(request.getPath().pathWithinApplication().value())) {
            return null;
        }
        cors.allowOrigin(request.getHeaders().getOrigin(), response.getHeaders());
        return ingestion.receive(request).flatMap(answer -> responses().write(answer, request, response));
    }
}
