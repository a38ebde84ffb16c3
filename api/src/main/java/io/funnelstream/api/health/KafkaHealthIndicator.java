package io.funnelstream.api.health;

import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/** Kafka is UP when the cluster describes itself (id and live brokers) in time. */
public final class KafkaHealthIndicator implements ReactiveHealthIndicator {

    private final Admin admin;
    private final Duration timeout;

    public KafkaHealthIndicator(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        Mono<Health> check = Mono.defer(() -> {
            DescribeClusterResult cluster =
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(Math.toIntExact(timeout.toMillis())));
            return Mono.fromCompletionStage(cluster.clusterId().toCompletionStage())
                    .zipWith(Mono.fromCompletionStage(cluster.nodes().toCompletionStage()))
                    .map(idAndNodes -> Health.up()
                            .withDetail("clusterId", String.valueOf(idAndNodes.getT1()))
                            .withDetail("brokers", idAndNodes.getT2().size())
                            .build());
        });
        return Probe.bounded(check, timeout);
    }
}
