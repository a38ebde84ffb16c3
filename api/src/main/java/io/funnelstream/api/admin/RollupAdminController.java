package io.funnelstream.api.admin;

import io.funnelstream.api.error.Problems;
import io.funnelstream.api.security.CurrentCaller;
import io.funnelstream.engine.pipeline.RebuildOutcome;
import io.funnelstream.engine.pipeline.RollupRebuilder;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/admin/rollups/rebuild} (admin keys): rebuilds the caller's tenant's rollups from Postgres while
 * the pipeline runs, and answers what was counted. 409 when a rebuild of the tenant is already running.
 */
@RestController
class RollupAdminController {

    private final RollupRebuilder rebuilder;

    RollupAdminController(RollupRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    /**
     * What a rebuild counted.
     *
     * @param tenant the tenant rebuilt
     * @param messages messages recounted
     * @param events opens, clicks and unknown events read with them
     * @param rollups rollups (scope, bucket size, bucket) written
     * @param coveredUpTo per log partition, the last offset the recount includes
     * @param tookMillis how long the rebuild took
     */
    record Rebuilt(String tenant, long messages, long events, int rollups, Map<String, Long> coveredUpTo,
            long tookMillis) {}

    @PostMapping("/api/admin/rollups/rebuild")
    Mono<Rebuilt> rebuild() {
        return CurrentCaller.tenant().flatMap(rebuilder::rebuild).flatMap(outcome -> switch (outcome) {
            case RebuildOutcome.Rebuilt r -> Mono.just(new Rebuilt(r.tenant().toString(), r.messages(), r.events(),
                    r.rollups(), r.coveredUpTo(), r.took().toMillis()));
            case RebuildOutcome.AlreadyRunning busy -> Mono.error(Problems.of(HttpStatus.CONFLICT,
                    "rebuild-in-progress", "The rollups of this tenant are being rebuilt already; try again later."));
        });
    }
}
