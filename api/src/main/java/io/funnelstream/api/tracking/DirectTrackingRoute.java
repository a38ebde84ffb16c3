package io.funnelstream.api.tracking;

import io.funnelstream.api.web.DirectResponses;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;

/**
 * {@code POST /api/tracking/events} served straight from the HTTP server, ahead of the web handler chain: every
 * survey page sends one beacon per funnel step, and the chain (exchange, filters, security, handler mapping,
 * content negotiation, observation) cost more than the beacon's own work. The route needs none of it: it is open to
 * anyone and checks the signed token inside each beacon, bounds its own body, answers every outcome itself and counts
 * itself in {@link TrackingMetrics}. Its answers get the CORS headers of {@link TrackingCorsFilter} (preflights,
 * being {@code OPTIONS}, still go through the filter) and are written by {@link DirectResponses} as the chain would.
 *
 * <p>Only a {@code POST} to exactly that path takes this way; {@link TrackingController} keeps the rest (a path
 * with encoded characters, the tracker script). While the message tracking feature is switched off the route is not
 * installed, and the feature gate answers.
 */
final class DirectTrackingRoute implements HttpHandlerDecoratorFactory {

    private final TrackingIngestion ingestion;
    private final TrackingCorsFilter cors;
    private final DirectResponses responses;
    private final boolean enabled;

    /** @param enabled false while the message tracking feature is off: requests then all go down the chain */
    DirectTrackingRoute(TrackingIngestion ingestion, TrackingCorsFilter cors, DirectResponses responses,
            boolean enabled) {
        this.ingestion = ingestion;
        this.cors = cors;
        this.responses = responses;
        this.enabled = enabled;
    }

    @Override
    public HttpHandler apply(HttpHandler chain) {
        if (!enabled) {
            return chain;
        }
        return (request, response) -> {
            if (request.getMethod() != HttpMethod.POST
                    || !TrackingController.EVENTS.equals(request.getPath().pathWithinApplication().value())) {
                return chain.handle(request, response);
            }
            cors.allowOrigin(request.getHeaders().getOrigin(), response.getHeaders());
            return ingestion.receive(request).flatMap(answer -> responses.write(answer, request, response));
        };
    }
}
