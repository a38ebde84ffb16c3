package io.funnelstream.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.EventLogUnavailableException;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.LogRange;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.testkit.KafkaTestTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;

class KafkaEventLogIntegrationTests {

    @RegisterExtension
    static final KafkaTestTopics kafka = new KafkaTestTopics();

    @Test
    void shouldReadBackEveryAppendInOrderPerTenantWithPositions() {
        try (KafkaEventLog log = logOn(kafka.topic("order"))) {
            log.createTopic(3, (short) 1).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));
            List<TenantId> tenants = List.of(TenantId.random(), TenantId.random(), TenantId.random());
            List<List<LogRecord>> requests = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (TenantId t : tenants) {
                    requests.add(records(t, round * 10, 5));
                }
            }

            Flux.fromIterable(requests).concatMap(log::append)
                    .as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));

            log.consume(kafka.group("order"), LogPositions.fromBeginning())
                    .flatMapIterable(LogBatch::entries)
                    .take(60)
                    .collectList()
                    .as(StepVerifier::create)
                    .assertNext(entries -> {
                        for (TenantId t : tenants) {
                            List<LogEntry> mine = entries.stream().filter(e -> e.record().tenant().equals(t)).toList();
                            assertThat(mine).extracting(LogEntry::record).containsExactlyElementsOf(
                                    requests.stream().flatMap(List::stream).filter(r -> r.tenant().equals(t)).toList());
                            assertThat(mine).extracting(e -> e.position().partition()).containsOnly(
                                    mine.getFirst().position().partition());
                            assertThat(mine).extracting(e -> e.position().offset()).isSorted().doesNotHaveDuplicates();
                        }
                    })
                    .expectComplete()
                    .verify(Duration.ofSeconds(60));
            assertThat(log.writeTransactions()).isEqualTo(requests.size());
        }
    }

    @Test
    void shouldStartEachPartitionAtItsStoredPosition() {
        try (KafkaEventLog log = logOn(kafka.topic("resume"))) {
            log.createTopic(2, (short) 1).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));
            TenantId tenant = TenantId.random();
            log.append(records(tenant, 0, 3)).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));
            Map<Integer, Long> stored = new ConcurrentHashMap<>();
            LogPositions positions = (group, partitions) -> Mono.just(Map.copyOf(stored));
            LogBatch first = log.consume(kafka.group("resume-1"), positions).blockFirst(Duration.ofSeconds(60));
            assertThat(first).isNotNull();
            for (LogRange r : first.ranges()) {
                stored.put(r.partition(), r.next());
            }
            List<LogRecord> later = records(tenant, 3, 2);

            log.append(later).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));

            log.consume(kafka.group("resume-2"), positions)
                    .flatMapIterable(LogBatch::entries)
                    .take(2)
                    .map(LogEntry::record)
                    .collectList()
                    .as(StepVerifier::create)
                    .assertNext(records -> assertThat(records).containsExactlyElementsOf(later))
                    .expectComplete()
                    .verify(Duration.ofSeconds(60));
        }
    }

    @Test
    void shouldFailRatherThanGuessWhereToStartWhenStoredPositionsCannotBeLoaded() {
        try (KafkaEventLog log = logOn(kafka.topic("nopositions"))) {
            log.createTopic(1, (short) 1).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));
            log.append(records(TenantId.random(), 0, 1))
                    .as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));
            LogPositions broken = (group, partitions) -> Mono.error(new IllegalStateException("positions table gone"));

            log.consume(kafka.group("nopositions"), broken)
                    .as(StepVerifier::create)
                    .expectErrorSatisfies(e -> assertThat(e).hasStackTraceContaining("positions table gone"))
                    .verify(Duration.ofSeconds(30));
        }
    }

    @Test
    void shouldMirrorAcknowledgedPositionsAsTheGroupsCommittedOffsets() {
        try (KafkaEventLog log = logOn(kafka.topic("ack"))) {
            log.createTopic(1, (short) 1).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));
            log.append(records(TenantId.random(), 0, 3))
                    .as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));
            String group = kafka.group("ack");
            AtomicLong next = new AtomicLong(-1);

            log.consume(group, LogPositions.fromBeginning())
                    .concatMap(batch -> batch.acknowledge().doOnSuccess(v -> next.set(batch.ranges().getFirst().next()))
                            .thenReturn(batch))
                    .flatMapIterable(LogBatch::entries)
                    .take(3)
                    .then(Mono.defer(() -> committedOffset(group)).repeatWhenEmpty(50,
                            tries -> tries.delayElements(Duration.ofMillis(200))))
                    .as(StepVerifier::create)
                    .assertNext(committed -> assertThat(committed).isEqualTo(next.get()).isPositive())
                    .expectComplete()
                    .verify(Duration.ofSeconds(60));
        }
    }

    private static Mono<Long> committedOffset(String group) {
        return Mono.using(() -> kafka.broker().admin(),
                admin -> Mono.fromCompletionStage(admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata().toCompletionStage())
                        .flatMap(offsets -> Mono.justOrEmpty(offsets.values().stream()
                                .filter(Objects::nonNull)
                                .map(OffsetAndMetadata::offset)
                                .findFirst())),
                Admin::close);
    }

    @Test
    void shouldFailAppendsWithinBoundedTimeWhileTheBrokerIsDownAndRecoverAfter() {
        try (KafkaEventLog log = logOn(kafka.topic("outage"))) {
            TenantId tenant = TenantId.random();
            List<LogRecord> afterOutage = records(tenant, 10, 2);
            throughAnOutage(log, tenant, 3, afterOutage, 10);
            log.consume(kafka.group("outage"), LogPositions.fromBeginning())
                    .flatMapIterable(LogBatch::entries)
                    .map(LogEntry::record)
                    .take(3)
                    .collectList()
                    .as(StepVerifier::create)
                    .assertNext(records -> assertThat(records).containsExactly(
                            records(tenant, 0, 1).getFirst(), afterOutage.get(0), afterOutage.get(1)))
                    .expectComplete()
                    .verify(Duration.ofSeconds(60));
        }
    }

    @Test
    void shouldGroupConcurrentAppendsIntoFewTransactions() {
        try (KafkaEventLog log = logOn(kafka.topic("group"))) {
            log.createTopic(3, (short) 1).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));
            int appends = 2000;
            List<List<LogRecord>> requests = IntStream.range(0, appends)
                    .mapToObj(i -> records(TenantId.random(), i * 2, 2))
                    .toList();
            long started = System.nanoTime();

            Flux.fromIterable(requests).flatMap(log::append, appends)
                    .as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(60));

            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("kafka group commit: %d appends in %.2f s, %d transactions%n",
                    appends, seconds, log.writeTransactions());
            assertThat(log.writeTransactions()).isLessThan(appends / 10);
            log.consume(kafka.group("group"), LogPositions.fromBeginning())
                    .flatMapIterable(LogBatch::entries)
                    .take(appends * 2L)
                    .map(e -> ((LogRecord.Message) e.record()).event().providerEventId())
                    .collect(Collectors.toSet())
                    .as(StepVerifier::create)
                    .assertNext(ids -> assertThat(ids).hasSize(appends * 2))
                    .expectComplete()
                    .verify(Duration.ofSeconds(60));
        }
    }

    @Test
    void shouldAppendSingleRecordsWithoutTransactionsAndReadThemBackCommittedInOrder() {
        try (KafkaEventLog log = logOn(kafka.topic("single"))) {
            log.createTopic(3, (short) 1).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));
            TenantId ordered = TenantId.random();
            List<List<LogRecord>> sequential = IntStream.range(0, 50).mapToObj(i -> records(ordered, i, 1)).toList();
            List<List<LogRecord>> concurrent = IntStream.range(0, 500)
                    .mapToObj(i -> records(TenantId.random(), 1000 + i, 1))
                    .toList();
            List<List<LogRecord>> batches = IntStream.range(0, 20)
                    .mapToObj(i -> records(TenantId.random(), 5000 + i * 3, 3))
                    .toList();

            Flux.fromIterable(sequential).concatMap(log::append)
                    .mergeWith(Flux.fromIterable(concurrent).flatMap(log::append, concurrent.size()))
                    .mergeWith(Flux.fromIterable(batches).flatMap(log::append, batches.size()))
                    .as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(60));

            assertThat(log.singleRecordsSent()).isEqualTo(sequential.size() + concurrent.size());
            assertThat(log.writeTransactions()).isPositive().isLessThanOrEqualTo(batches.size());
            int total = sequential.size() + concurrent.size() + batches.size() * 3;
            log.consume(kafka.group("single"), LogPositions.fromBeginning())
                    .flatMapIterable(LogBatch::entries)
                    .take(total)
                    .map(LogEntry::record)
                    .collectList()
                    .as(StepVerifier::create)
                    .assertNext(read -> {
                        assertThat(read).doesNotHaveDuplicates().hasSize(total);
                        assertThat(read).filteredOn(r -> r.tenant().equals(ordered)).containsExactlyElementsOf(
                                sequential.stream().flatMap(List::stream).toList());
                        assertThat(read).containsAll(concurrent.stream().flatMap(List::stream).toList())
                                .containsAll(batches.stream().flatMap(List::stream).toList());
                    })
                    .expectComplete()
                    .verify(Duration.ofSeconds(60));
        }
    }

    @Test
    void shouldFailASingleRecordWithinBoundedTimeWhileTheBrokerIsDownAndAppendAfter() {
        try (KafkaEventLog log = logOn(kafka.topic("single-outage"))) {
            TenantId tenant = TenantId.random();
            List<LogRecord> afterOutage = records(tenant, 10, 1);
            throughAnOutage(log, tenant, 1, afterOutage, 20);
            log.consume(kafka.group("single-outage"), LogPositions.fromBeginning())
                    .flatMapIterable(LogBatch::entries)
                    .map(LogEntry::record)
                    .filter(r -> r.equals(afterOutage.getFirst()))
                    .next()
                    .as(StepVerifier::create)
                    .expectNextCount(1)
                    .expectComplete()
                    .verify(Duration.ofSeconds(60));
            assertThat(log.writeTransactions()).isZero();
        }
    }

    @Test
    void shouldKeepAppendsThatOneProducerCarriesOnTheFirst() {
        try (KafkaEventLog log = threeProducers("first-lane")) {

            // Rounds of 20 concurrent appends: while the first producer commits one, it gathers the others.
            Flux.range(0, 5).concatMap(round -> Flux.range(0, 20)
                            .flatMap(i -> log.append(records(TenantId.random(), round * 200 + i * 10, 10)), 20))
                    .as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(60));

            List<Long> writes = log.writeTransactionsPerProducer();
            assertThat(writes.getFirst()).isBetween(5L, 100L);
            assertThat(writes.subList(1, 3)).containsOnly(0L);
        }
    }

    @Test
    void shouldSpillConcurrentAppendsOverToTheNextProducersAndLoseNone() {
        try (KafkaEventLog log = threeProducers("lanes")) {
            // 7,000 records at once: more than two producers' next transactions hold (2,000 records each).
            List<List<LogRecord>> requests = IntStream.range(0, 70)
                    .mapToObj(i -> records(TenantId.random(), i * 100, 100))
                    .toList();

            Flux.fromIterable(requests).flatMap(log::append, requests.size())
                    .as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(60));

            assertThat(log.writeTransactionsPerProducer()).hasSize(3).allMatch(writes -> writes > 0);
            log.consume(kafka.group("lanes"), LogPositions.fromBeginning())
                    .flatMapIterable(LogBatch::entries)
                    .take(7000)
                    .map(e -> ((LogRecord.Message) e.record()).event().key())
                    .collectList()
                    .as(StepVerifier::create)
                    .assertNext(keys -> assertThat(keys).doesNotHaveDuplicates().hasSize(7000).containsAll(
                            requests.stream().flatMap(List::stream)
                                    .map(r -> ((LogRecord.Message) r).event().key()).toList()))
                    .expectComplete()
                    .verify(Duration.ofSeconds(60));
        }
    }

    /** A log of three transactional producers on a new topic of three partitions. */
    private static KafkaEventLog threeProducers(String topic) {
        KafkaEventLog log = KafkaEventLog.create(KafkaEventLogSettings.defaults(kafka.bootstrapServers())
                .withTopic(kafka.topic(topic))
                .withProducers(3));
        log.createTopic(3, (short) 1).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));
        return log;
    }

    private static KafkaEventLog logOn(String topic) {
        return KafkaEventLog.create(KafkaEventLogSettings.defaults(kafka.bootstrapServers()).withTopic(topic));
    }

    private static List<LogRecord> records(TenantId tenant, int from, int count) {
        Instant at = Instant.parse("2026-11-20T12:00:00Z");
        return IntStream.range(from, from + count)
                .mapToObj(i -> LogRecord.of(new MessageEvent(tenant, Channel.WHATSAPP, Provider.META, "wamid-" + i,
                        "wamid." + i, null, EventType.READ, at.plusSeconds(i), at.plusSeconds(i), "+9665" + i, null,
                        null, null, null, false, "read")))
                .toList();
    }

    /**
     * Appends a first record, stops the broker, expects an append of {@code failing} records to fail within bounded
     * time, starts the broker again and appends {@code afterOutage}, retrying until the broker takes it.
     */
    private static void throughAnOutage(KafkaEventLog log, TenantId tenant, int failing, List<LogRecord> afterOutage,
            int retries) {
        log.createTopic(1, (short) 1).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));
        log.append(records(tenant, 0, 1)).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(30));
        kafka.broker().stop();
        try {
            long started = System.nanoTime();
            log.append(records(tenant, 1, failing))
                    .as(StepVerifier::create)
                    .expectError(EventLogUnavailableException.class)
                    .verify(Duration.ofSeconds(15));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        } finally {
            kafka.broker().start();
        }
        Mono.defer(() -> log.append(afterOutage))
                .retryWhen(Retry.fixedDelay(retries, Duration.ofMillis(500)))
                .as(StepVerifier::create)
                .expectComplete()
                .verify(Duration.ofSeconds(60));
    }

}
