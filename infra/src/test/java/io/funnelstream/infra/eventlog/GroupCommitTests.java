package io.funnelstream.infra.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.port.EventLogUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class GroupCommitTests {

    @Test
    void shouldWriteALoneSubmissionAtOnce() {
        List<List<Integer>> writes = new CopyOnWriteArrayList<>();
        GroupCommit<Integer> commit = new GroupCommit<>("t", 10, 100, items -> {
            writes.add(items);
            return Mono.empty();
        });

        commit.submit(List.of(1, 2)).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(5));

        assertThat(writes).containsExactly(List.of(1, 2));
    }

    @Test
    void shouldTellSubmittersOnTheCompletionSchedulerNotOnTheWritesThread() {
        var io = Schedulers.newSingle("log-io");
        var completions = Schedulers.newParallel("told", 2);
        try {
            GroupCommit<Integer> commit = new GroupCommit<>("t", 10, 100,
                    items -> Mono.delay(Duration.ofMillis(5), io).then(), completions);
            List<String> successThreads = new CopyOnWriteArrayList<>();
            List<String> errorThreads = new CopyOnWriteArrayList<>();

            Flux.range(0, 20)
                    .flatMap(i -> commit.submit(List.of(i))
                            .doOnSuccess(done -> successThreads.add(Thread.currentThread().getName())))
                    .as(StepVerifier::create)
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
            GroupCommit<Integer> failing = new GroupCommit<>("t", 10, 100,
                    items -> Mono.delay(Duration.ofMillis(5), io).then(Mono.error(new IllegalStateException("down"))),
                    completions);
            failing.submit(List.of(1))
                    .doOnError(e -> errorThreads.add(Thread.currentThread().getName()))
                    .as(StepVerifier::create)
                    .expectErrorMessage("down")
                    .verify(Duration.ofSeconds(5));

            assertThat(successThreads).hasSize(20).allMatch(name -> name.startsWith("told-"));
            assertThat(errorThreads).singleElement().satisfies(name -> assertThat(name).startsWith("told-"));
        } finally {
            io.dispose();
            completions.dispose();
        }
    }

    @Test
    void shouldGatherWhatArrivesDuringAWriteIntoTheNextWholeSubmissionsOnly() {
        List<List<Integer>> writes = new CopyOnWriteArrayList<>();
        List<Sinks.Empty<Void>> gates = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer> commit = new GroupCommit<>("t", 5, 100, items -> {
            writes.add(items);
            Sinks.Empty<Void> gate = Sinks.empty();
            gates.add(gate);
            return gate.asMono();
        });
        List<Mono<Void>> done = new ArrayList<>();
        for (List<Integer> request : List.of(List.of(1), List.of(2, 3), List.of(4, 5), List.of(6, 7), List.of(8))) {
            Mono<Void> m = commit.submit(request).cache();
            m.subscribe(null, e -> {});
            done.add(m);
        }

        assertThat(writes).containsExactly(List.of(1));
        gates.get(0).tryEmitEmpty();
        assertThat(writes).containsExactly(List.of(1), List.of(2, 3, 4, 5));
        gates.get(1).tryEmitError(new IllegalStateException("disk full"));
        assertThat(writes).containsExactly(List.of(1), List.of(2, 3, 4, 5), List.of(6, 7, 8));
        gates.get(2).tryEmitEmpty();

        done.get(0).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(5));
        done.get(1).as(StepVerifier::create).expectErrorMessage("disk full").verify(Duration.ofSeconds(5));
        done.get(2).as(StepVerifier::create).expectErrorMessage("disk full").verify(Duration.ofSeconds(5));
        done.get(4).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(5));
        assertThat(commit.writes()).isEqualTo(3);
        assertThat(commit.writtenItems()).isEqualTo(8);
    }

    @Test
    void shouldStartTheNextWriteWhileThePreviousIsInFlightUpToTheLimitInSubmissionOrder() {
        List<List<Integer>> writes = new CopyOnWriteArrayList<>();
        List<Sinks.Empty<Void>> gates = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer> commit = new GroupCommit<>("t", 5, 100, 2, items -> {
            writes.add(items);
            Sinks.Empty<Void> gate = Sinks.empty();
            gates.add(gate);
            return gate.asMono();
        }, Schedulers.immediate());
        List<Mono<Void>> done = new ArrayList<>();
        for (List<Integer> request : List.of(List.of(1), List.of(2), List.of(3, 4), List.of(5), List.of(6))) {
            Mono<Void> m = commit.submit(request).cache();
            m.subscribe(null, e -> {});
            done.add(m);
        }

        assertThat(writes).containsExactly(List.of(1), List.of(2));
        assertThat(commit.load()).isEqualTo(2 + 4);
        gates.get(1).tryEmitEmpty();
        assertThat(writes).containsExactly(List.of(1), List.of(2), List.of(3, 4, 5, 6));
        done.get(1).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(5));
        Mono<Void> seventh = commit.submit(List.of(7)).cache();
        seventh.subscribe(null, e -> {});
        assertThat(writes).hasSize(3);
        gates.get(0).tryEmitError(new IllegalStateException("disk full"));
        assertThat(writes).containsExactly(List.of(1), List.of(2), List.of(3, 4, 5, 6), List.of(7));
        gates.get(2).tryEmitEmpty();
        gates.get(3).tryEmitEmpty();

        done.get(0).as(StepVerifier::create).expectErrorMessage("disk full").verify(Duration.ofSeconds(5));
        done.get(4).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(5));
        seventh.as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(5));
        assertThat(commit.writes()).isEqualTo(4);
        assertThat(commit.load()).isZero();
    }

    @Test
    void shouldShedSubmissionsBeyondThePendingLimit() {
        Sinks.Empty<Void> never = Sinks.empty();
        GroupCommit<Integer> commit = new GroupCommit<>("t", 2, 4, items -> never.asMono());
        commit.submit(List.of(0)).subscribe(null, e -> {});
        commit.submit(List.of(1, 2)).subscribe(null, e -> {});
        commit.submit(List.of(3, 4)).subscribe(null, e -> {});

        commit.submit(List.of(5))
                .as(StepVerifier::create)
                .expectError(EventLogUnavailableException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void shouldWriteEveryItemOnceAndInFarFewerWritesUnderConcurrency() {
        List<Integer> written = new CopyOnWriteArrayList<>();
        GroupCommit<Integer> commit = new GroupCommit<>("t", 500, 100_000, items -> Mono.delay(Duration.ofMillis(2))
                .doOnNext(t -> written.addAll(items))
                .then());

        Flux.range(0, 5000)
                .flatMap(i -> commit.submit(List.of(i)).subscribeOn(Schedulers.parallel()), 5000)
                .as(StepVerifier::create)
                .expectComplete()
                .verify(Duration.ofSeconds(30));

        assertThat(written).hasSize(5000).doesNotHaveDuplicates();
        assertThat(commit.writes()).isLessThan(500);
    }
}
