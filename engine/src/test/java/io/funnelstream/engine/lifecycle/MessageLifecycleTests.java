package io.funnelstream.engine.lifecycle;

import static io.funnelstream.engine.lifecycle.TestEvents.QUEUED_AT;
import static io.funnelstream.engine.lifecycle.TestEvents.at;
import static io.funnelstream.engine.lifecycle.TestEvents.bounce;
import static io.funnelstream.engine.lifecycle.TestEvents.event;
import static io.funnelstream.engine.lifecycle.TestEvents.failure;
import static io.funnelstream.engine.lifecycle.TestEvents.machineOpen;
import static io.funnelstream.engine.lifecycle.TestEvents.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageLifecycleTests {

    private static final Channel EMAIL = Channel.EMAIL;
    private static final Channel SMS = Channel.SMS;
    private static final Channel WHATSAPP = Channel.WHATSAPP;

    @Test
    void shouldStartQueued() {
        MessageState state = queued(EMAIL);

        assertThat(state.status()).isEqualTo(Stage.QUEUED);
        assertThat(state.firstReached()).containsExactly(Map.entry(Stage.QUEUED, QUEUED_AT));
        assertThat(state.failure()).isNull();
    }

    @Test
    void shouldOnlyFillInDeliveredTimeWhenDeliveredArrivesAfterOpened() {
        MessageState opened = MessageLifecycle.apply(queued(EMAIL), event(EMAIL, "o1", EventType.OPENED, at(60)))
                .state();

        Transition late = MessageLifecycle.apply(opened, event(EMAIL, "d1", EventType.DELIVERED, at(10)));

        assertThat(late.state().status()).isEqualTo(Stage.OPENED);
        assertThat(late.state().firstReachedAt(Stage.DELIVERED)).contains(at(10));
        assertThat(late.state().firstReachedAt(Stage.SENT)).contains(at(10));
        assertThat(late.state().firstReachedAt(Stage.OPENED)).contains(at(60));
        assertThat(late.change().statusChanged()).isFalse();
        assertThat(late.change().newlyReached()).isEmpty();
        assertThat(late.change().retimed())
                .containsOnly(
                        Map.entry(Stage.SENT, new StateChange.Retimed(at(60), at(10))),
                        Map.entry(Stage.DELIVERED, new StateChange.Retimed(at(60), at(10))));
    }

    @Test
    void shouldChangeNothingWhenDeliveredArrivesLaterThanTheOpenImplyingIt() {
        MessageState opened = MessageLifecycle.apply(queued(EMAIL), event(EMAIL, "o1", EventType.OPENED, at(60)))
                .state();

        Transition late = MessageLifecycle.apply(opened, event(EMAIL, "d1", EventType.DELIVERED, at(90)));

        assertThat(late.change().isEmpty()).isTrue();
        assertThat(late.state()).isEqualTo(opened);
    }

    @Test
    void shouldImplyDeliveredAndSentWhenWhatsAppReadArrivesFirst() {
        Transition read = MessageLifecycle.apply(queued(WHATSAPP), event(WHATSAPP, "r1", EventType.READ, at(30)));

        assertThat(read.state().status()).isEqualTo(Stage.READ);
        assertThat(read.change().newlyReached())
                .containsOnly(
                        Map.entry(Stage.SENT, at(30)),
                        Map.entry(Stage.DELIVERED, at(30)),
                        Map.entry(Stage.READ, at(30)));
        assertThat(read.change().statusBefore()).isEqualTo(Stage.QUEUED);
        assertThat(read.change().statusAfter()).isEqualTo(Stage.READ);
    }

    @Test
    void shouldKeepDeliveredWhenUndeliveredArrivesAfterDelivered() {
        MessageState delivered = MessageLifecycle.apply(queued(SMS), event(SMS, "d1", EventType.DELIVERED, at(5)))
                .state();

        Transition undelivered = MessageLifecycle.apply(
                delivered, failure(SMS, "u1", EventType.UNDELIVERED, at(9), "Unreachable", "30003"));

        assertThat(undelivered.state().status()).isEqualTo(Stage.DELIVERED);
        assertThat(undelivered.change().statusChanged()).isFalse();
        assertThat(undelivered.change().newlyReached()).containsOnlyKeys(Stage.UNDELIVERED);
        assertThat(undelivered.state().failure())
                .isEqualTo(new FailureDetail(Stage.UNDELIVERED, at(9), "u1", "Unreachable", "30003"));
    }

    @Test
    void shouldEndDeliveredAfterSoftBounceThenDelivered() {
        MessageState state = MessageLifecycle.replay(
                queued(EMAIL),
                List.of(
                        bounce("b1", BounceClass.SOFT, at(5), "mailbox full"),
                        event(EMAIL, "d1", EventType.DELIVERED, at(300))));

        assertThat(state.status()).isEqualTo(Stage.DELIVERED);
        assertThat(state.failure()).isNotNull();
        assertThat(state.failure().bounceClass()).isEqualTo(BounceClass.SOFT);
        assertThat(state.failure().reason()).isEqualTo("mailbox full");
    }

    @Test
    void shouldNotLetALaterNonFinalStatusOverwriteAFinalOne() {
        MessageState failed = MessageLifecycle.apply(
                        queued(WHATSAPP), failure(WHATSAPP, "f1", EventType.FAILED, at(5), "Rejected", "131026"))
                .state();

        Transition sent = MessageLifecycle.apply(failed, event(WHATSAPP, "s1", EventType.SENT, at(8)));
        Transition deferred = MessageLifecycle.apply(
                MessageLifecycle.apply(queued(EMAIL), bounce("b1", BounceClass.HARD, at(5), "no such user")).state(),
                event(EMAIL, "q1", EventType.DEFERRED, at(9)));

        assertThat(sent.state().status()).isEqualTo(Stage.FAILED);
        assertThat(deferred.state().status()).isEqualTo(Stage.BOUNCED);
        assertThat(deferred.state().failure().stage()).isEqualTo(Stage.BOUNCED);
    }

    @Test
    void shouldCountADuplicatedOpenOnceWhenReplaying() {
        MessageEvent open = event(EMAIL, "o1", EventType.OPENED, at(60));

        MessageState once = MessageLifecycle.replay(queued(EMAIL), List.of(open, open, open));
        MessageState twoOpens = MessageLifecycle.replay(
                queued(EMAIL), List.of(open, event(EMAIL, "o2", EventType.OPENED, at(70)), open));

        assertThat(once.opens()).isEqualTo(1);
        assertThat(twoOpens.opens()).isEqualTo(2);
        assertThat(twoOpens.firstReachedAt(Stage.OPENED)).contains(at(60));
    }

    @Test
    void shouldCountEveryApplicationBecauseApplyLeavesDeduplicationToItsCaller() {
        MessageEvent open = event(EMAIL, "o1", EventType.OPENED, at(60));

        Transition first = MessageLifecycle.apply(queued(EMAIL), open);
        Transition second = MessageLifecycle.apply(first.state(), open);

        assertThat(second.state().opens()).isEqualTo(2);
        assertThat(second.change().opensAdded()).isEqualTo(1);
        assertThat(second.change().newlyReached()).isEmpty();
    }

    @Test
    void shouldCountMachineOpenApartAndReachOnlyDelivered() {
        Transition machine = MessageLifecycle.apply(queued(EMAIL), machineOpen("m1", at(20)));

        assertThat(machine.state().machineOpens()).isEqualTo(1);
        assertThat(machine.state().opens()).isZero();
        assertThat(machine.state().allOpens()).isEqualTo(1);
        assertThat(machine.state().hasReached(Stage.OPENED)).isFalse();
        assertThat(machine.state().status()).isEqualTo(Stage.DELIVERED);
        assertThat(machine.change().machineOpensAdded()).isEqualTo(1);
        assertThat(machine.change().opensAdded()).isZero();
    }

    @Test
    void shouldImplyOpenWithoutCountingOneWhenClickArrivesFirst() {
        Transition click = MessageLifecycle.apply(queued(EMAIL), event(EMAIL, "c1", EventType.CLICKED, at(40)));

        assertThat(click.state().status()).isEqualTo(Stage.CLICKED);
        assertThat(click.change().newlyReached())
                .containsOnlyKeys(Stage.SENT, Stage.DELIVERED, Stage.OPENED, Stage.CLICKED);
        assertThat(click.state().clicks()).isEqualTo(1);
        assertThat(click.state().opens()).isZero();
    }

    @Test
    void shouldReachDeliveryButKeepStatusWhenSpamIsReported() {
        Transition spam = MessageLifecycle.apply(
                queued(EMAIL), event(EMAIL, "s1", EventType.SPAM_REPORTED, at(100)));

        assertThat(spam.state().status()).isEqualTo(Stage.DELIVERED);
        assertThat(spam.state().hasReached(Stage.SPAM_REPORTED)).isTrue();
    }

    @Test
    void shouldChangeNothingForEventsWithoutStage() {
        MessageState state = queued(EMAIL);

        for (EventType type : List.of(EventType.RESUBSCRIBED, EventType.UNKNOWN)) {
            Transition t = MessageLifecycle.apply(state, event(EMAIL, "x-" + type, type, at(1)));
            assertThat(t.state()).isEqualTo(state);
            assertThat(t.change().isEmpty()).isTrue();
        }
    }

    @Test
    void shouldMoveQueuedTimeEarlierWhenProviderReportsAnEarlierQueue() {
        Transition t = MessageLifecycle.apply(queued(SMS), event(SMS, "q1", EventType.QUEUED, at(-3)));

        assertThat(t.change().retimed())
                .containsOnly(Map.entry(Stage.QUEUED, new StateChange.Retimed(QUEUED_AT, at(-3))));
        assertThat(t.state().firstReachedAt(Stage.QUEUED)).contains(at(-3));
    }

    @Test
    void shouldCountBounceOfUnknownClassAsHard() {
        MessageState state = MessageLifecycle.apply(queued(EMAIL), bounce("b1", null, at(5), "550 5.1.1")).state();

        assertThat(state.status()).isEqualTo(Stage.BOUNCED);
        assertThat(state.failure().bounceClass()).isEqualTo(BounceClass.HARD);
    }

    @Test
    void shouldKeepMostSeriousFailureWhateverTheOrder() {
        MessageEvent soft = bounce("b1", BounceClass.SOFT, at(1), "greylisted");
        MessageEvent hard = bounce("b2", BounceClass.HARD, at(50), "no such user");
        MessageEvent hardEarlier = bounce("b3", BounceClass.HARD, at(40), "unknown domain");
        MessageEvent hardSameTime = bounce("b0", BounceClass.HARD, at(40), "mailbox disabled");

        MessageState forward = MessageLifecycle.replay(queued(EMAIL), List.of(soft, hard, hardEarlier, hardSameTime));
        MessageState backward = MessageLifecycle.replay(queued(EMAIL), List.of(hardSameTime, hardEarlier, hard, soft));

        assertThat(forward.failure()).isEqualTo(backward.failure());
        assertThat(forward.failure())
                .isEqualTo(new FailureDetail(Stage.BOUNCED, at(40), "b0", "mailbox disabled", "550"));
    }

    @Test
    void shouldRejectEventOfAnotherTenant() {
        MessageEvent foreign = new MessageEvent(
                TenantId.random(), EMAIL, Provider.SENDGRID, "e1", "pm", null, EventType.DELIVERED,
                at(1), at(1), null, null, null, null, null, false, "delivered");

        assertThatIllegalArgumentException().isThrownBy(() -> MessageLifecycle.apply(queued(EMAIL), foreign));
    }

    @Test
    void shouldRejectStateWhoseStagesLackWhatTheyImply() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MessageState(
                        TestEvents.MESSAGE, TestEvents.TENANT, EMAIL, Provider.SENDGRID,
                        Map.of(Stage.QUEUED, QUEUED_AT, Stage.OPENED, at(5)), 1, 0, 0, null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MessageState(
                        TestEvents.MESSAGE, TestEvents.TENANT, EMAIL, Provider.SENDGRID,
                        Map.of(Stage.SENT, at(9), Stage.DELIVERED, at(5)), 0, 0, 0, null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> queued(SMS, Provider.SENDGRID));
    }
}
