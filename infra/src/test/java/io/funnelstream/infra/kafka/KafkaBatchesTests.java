package io.funnelstream.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.infra.eventlog.LogRecordCodec;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class KafkaBatchesTests {

    @Test
    void shouldFetchWithoutHoldingABusyPartitionBehindIdleOnes() {
        KafkaBatches batches = new KafkaBatches(KafkaEventLogSettings.defaults("localhost:9092"), new LogRecordCodec());

        Map<String, Object> config = batches.config("rollups");

        assertThat(config)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 25)
                .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "rollups");
    }

    @Test
    void shouldLetTheOperatorsOverridesWinOverTheFetchDefaults() {
        KafkaEventLogSettings d = KafkaEventLogSettings.defaults("localhost:9092");
        KafkaEventLogSettings settings = new KafkaEventLogSettings(d.bootstrapServers(), d.topic(),
                d.transactionalIdPrefix(), Duration.ofSeconds(5), d.maxBatchRecords(), d.maxPendingRecords(),
                d.producers(), d.readBatchRecords(), d.maxUnacknowledged(), d.positionsTimeout(), Map.of(),
                Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        1_048_576));

        Map<String, Object> config = new KafkaBatches(settings, new LogRecordCodec()).config("rollups");

        assertThat(config)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500)
                .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1_048_576);
    }
}
