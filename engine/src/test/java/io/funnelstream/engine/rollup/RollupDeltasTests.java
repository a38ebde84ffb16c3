package io.funnelstream.engine.rollup;

import static io.funnelstream.engine.rollup.RollupScenarios.DISTRIBUTION;
import static io.funnelstream.engine.rollup.RollupScenarios.MESSAGE;
import static io.funnelstream.engine.rollup.RollupScenarios.QUEUED_AT;
import static io.funnelstream.engine.rollup.RollupScenarios.SURVEY;
import static io.funnelstream.engine.rollup.RollupScenarios.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.lifecycle.StateChange;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RollupDeltasTests {

    private static final MessageDimensions EMAIL =
            new MessageDimensions(TENANT, Channel.EMAIL, Provider.SENDGRID, DISTRIBUTION, SURVEY);
    private static final Instant T0 = Instant.parse("2026-11-03T10:15:20Z");

    @Test
    void shouldCountANewlyReachedStageInEveryScopeAndBucketSize() {
        StateChange change = new StateChange(
                Stage.QUEUED, Stage.SENT, Map.of(Stage.SENT, T0), Map.of(), 0, 0, 0);

        RollupDelta delta = RollupDeltas.of(EMAIL, change, T0.plusSeconds(5));

        assertThat(delta.rollups()).hasSize(5 * 3);
        for (Scope scope : EMAIL.scopes()) {
            for (BucketSize size : BucketSize.values()) {
                assertThat(delta.counts(RollupKey.containing(TENANT, scope, size, T0)).values())
                        .containsExactly(Map.entry("stage.sent", 1L));
            }
        }
        assertThat(EMAIL.scopes()).containsExactly(Scope.all(), Scope.channel(Channel.EMAIL),
                Scope.provider(Provider.SENDGRID), Scope.distribution(DISTRIBUTION), Scope.survey(SURVEY));
    }

    @Test
    void shouldMoveARetimedStageBetweenBucketsOnlyWhereTheBucketChanges() {
        Instant before = Instant.parse("2026-11-03T10:14:50Z");
        StateChange change = new StateChange(Stage.OPENED, Stage.OPENED, Map.of(),
                Map.of(Stage.DELIVERED, new StateChange.Retimed(T0, before)), 0, 0, 0);

        RollupDelta delta = RollupDeltas.of(EMAIL, change, before);

        Scope all = Scope.all();
        assertThat(delta.counts(RollupKey.containing(TENANT, all, BucketSize.MINUTE, T0)).get("stage.delivered"))
                .isEqualTo(-1);
        assertThat(delta.counts(RollupKey.containing(TENANT, all, BucketSize.MINUTE, before)).get("stage.delivered"))
                .isEqualTo(1);
        assertThat(delta.counts(RollupKey.containing(TENANT, all, BucketSize.HOUR, T0)).isEmpty()).isTrue();
        assertThat(delta.counts(RollupKey.containing(TENANT, all, BucketSize.DAY, T0)).isEmpty()).isTrue();
        assertThat(delta.rollups()).hasSize(2 * 5);
    }

    @Test
    void shouldCountOpensClicksAndMachineOpensAtTheEventTime() {
        Instant openedAt = Instant.parse("2026-11-04T00:00:01Z");
        StateChange open = new StateChange(Stage.DELIVERED, Stage.OPENED, Map.of(Stage.OPENED, openedAt), Map.of(),
                1, 0, 0);
        StateChange machine = new StateChange(Stage.OPENED, Stage.OPENED, Map.of(), Map.of(), 0, 1, 0);

        RollupDelta delta = RollupDeltas.of(EMAIL, open, openedAt).plus(RollupDeltas.of(EMAIL, machine, T0));

        RollupKey openDay = RollupKey.containing(TENANT, Scope.all(), BucketSize.DAY, openedAt);
        RollupKey earlierDay = RollupKey.containing(TENANT, Scope.all(), BucketSize.DAY, T0);
        assertThat(delta.counts(openDay).values())
                .containsOnly(Map.entry("stage.opened", 1L), Map.entry(Counter.OPENS, 1L));
        assertThat(delta.counts(earlierDay).values()).containsOnly(Map.entry(Counter.MACHINE_OPENS, 1L));
    }

    @Test
    void shouldCountUnknownEventsThatChangeNothing() {
        Change change = Change.ofMessage(new LogPosition("events-0", 7), EMAIL, StateChange.none(Stage.SENT),
                EventType.UNKNOWN, T0);

        RollupDelta delta = RollupWindows.window(List.of(change)).delta();

        assertThat(delta.counts(RollupKey.containing(TENANT, Scope.provider(Provider.SENDGRID), BucketSize.HOUR, T0))
                        .values())
                .containsExactly(Map.entry(Counter.UNKNOWN_EVENTS, 1L));
    }

    @Test
    void shouldCountOnlyTheScopesAMessageIsKnownIn() {
        MessageDimensions bare = new MessageDimensions(TENANT, Channel.SMS, Provider.TWILIO, null, null);
        MessageState state = MessageState.initial(MESSAGE, TENANT, Channel.SMS, Provider.TWILIO, QUEUED_AT);

        RollupDelta delta = RollupDeltas.ofNewMessage(bare, state);

        assertThat(delta.rollups().keySet()).extracting(RollupKey::scope).containsOnly(
                Scope.all(), Scope.channel(Channel.SMS), Scope.provider(Provider.TWILIO));
        assertThat(delta.increments()).isEqualTo(3 * 3);
    }

    @Test
    void shouldCountATestMessageInItsVariantScopeAndTheRemainderInNone() {
        UUID experiment = UUID.fromString("7e57a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b");
        MessageDimensions inTest = new MessageDimensions(TENANT, Channel.EMAIL, Provider.SENDGRID, DISTRIBUTION, SURVEY,
                new ExperimentArm(experiment, "b", true));
        MessageDimensions remainder = new MessageDimensions(TENANT, Channel.EMAIL, Provider.SENDGRID, DISTRIBUTION,
                SURVEY, new ExperimentArm(experiment, "b", false));
        MessageState initial = MessageState.initial(MESSAGE, TENANT, Channel.EMAIL, Provider.SENDGRID, QUEUED_AT);

        RollupDelta test = RollupDeltas.ofNewMessage(inTest, initial);
        RollupDelta rest = RollupDeltas.ofNewMessage(remainder, initial);

        assertThat(inTest.scopes()).containsExactly(Scope.all(), Scope.channel(Channel.EMAIL),
                Scope.provider(Provider.SENDGRID), Scope.distribution(DISTRIBUTION), Scope.survey(SURVEY),
                Scope.variant(experiment, "b"));
        assertThat(test.counts(RollupKey.containing(TENANT, Scope.variant(experiment, "b"), BucketSize.DAY, QUEUED_AT))
                .get("stage.queued")).isEqualTo(1);
        assertThat(remainder.scopes()).isEqualTo(EMAIL.scopes());
        assertThat(rest.rollups().keySet()).noneMatch(key -> key.scope() instanceof Scope.OfVariant);
    }

    @Test
    void shouldAddANewMessageToItsWindowAsItsOwnDeltaWould() {
        MessageState sent = MessageState.initial(MESSAGE, TENANT, Channel.EMAIL, Provider.SENDGRID, QUEUED_AT);
        MessageState other = MessageState.initial(UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"), TENANT,
                Channel.EMAIL, Provider.SENDGRID, QUEUED_AT.plusSeconds(20));
        List<Change> changes = List.of(
                Change.ofNewMessage(new LogPosition("events-0", 3), EMAIL, sent),
                Change.ofNewMessage(new LogPosition("events-0", 4), EMAIL, other));

        Window window = RollupWindows.window(changes);

        assertThat(window.delta()).isEqualTo(
                RollupDeltas.ofNewMessage(EMAIL, sent).plus(RollupDeltas.ofNewMessage(EMAIL, other)));
        assertThat(window.delta().counts(RollupKey.containing(TENANT, Scope.all(), BucketSize.DAY, QUEUED_AT))
                .get("stage.queued")).isEqualTo(2);
        assertThatIllegalArgumentException().isThrownBy(() -> RollupWindows.window(List.of(Change.ofNewMessage(
                new LogPosition("events-0", 5), EMAIL,
                MessageState.initial(MESSAGE, TENANT, Channel.SMS, Provider.TWILIO, QUEUED_AT)))));
    }

    @Test
    void shouldRejectDimensionsOfAnotherMessage() {
        MessageState sms = MessageState.initial(MESSAGE, TENANT, Channel.SMS, Provider.TWILIO, QUEUED_AT);

        assertThatIllegalArgumentException().isThrownBy(() -> RollupDeltas.ofNewMessage(EMAIL, sms));
    }

    @Test
    void shouldCountSurveyStepsAsTotalsAndFirstPerRecipient() {
        RollupDelta first = RollupDeltas.ofSurveyStep(EMAIL, SurveyStep.VIEWED, true, T0);
        RollupDelta again = RollupDeltas.ofSurveyStep(EMAIL, SurveyStep.VIEWED, false, T0.plusSeconds(1));

        Counts counts =
                first.plus(again).counts(RollupKey.containing(TENANT, Scope.survey(SURVEY), BucketSize.DAY, T0));

        assertThat(counts.values())
                .containsOnly(Map.entry("funnel.viewed", 2L), Map.entry("funnel.viewed.unique", 1L));
    }

    @Test
    void shouldRecordResponseTimesInTheSketchOfTheCompletionBucket() {
        RollupDelta delta = RollupDeltas.ofResponse(EMAIL, T0, Duration.ofMinutes(3))
                .plus(RollupDeltas.ofResponse(EMAIL, T0, Duration.ofMinutes(5)));

        LatencySketch sketch = LatencySketch.of(
                delta.counts(RollupKey.containing(TENANT, Scope.distribution(DISTRIBUTION), BucketSize.HOUR, T0)));

        assertThat(sketch.count()).isEqualTo(2);
        assertThat(sketch.mean()).contains(Duration.ofMinutes(4));
    }

    @Test
    void shouldSplitADeltaByTenant() {
        MessageDimensions other = new MessageDimensions(
                TenantId.of("00000000-0000-4000-8000-000000000002"),
                Channel.SMS, Provider.TWILIO, null, null);
        StateChange sent = new StateChange(Stage.QUEUED, Stage.SENT, Map.of(Stage.SENT, T0), Map.of(), 0, 0, 0);

        RollupDelta delta = RollupDeltas.of(EMAIL, sent, T0).plus(RollupDeltas.of(other, sent, T0));

        assertThat(delta.byTenant()).containsOnlyKeys(TENANT, other.tenant());
        assertThat(delta.byTenant().get(other.tenant()).rollups()).hasSize(3 * 3);
        assertThat(delta.tenants()).containsExactlyInAnyOrder(TENANT, other.tenant());
    }

    @Test
    void shouldRecountManyMessagesIntoOneBuilder() {
        MessageDimensions sms = new MessageDimensions(TENANT, Channel.SMS, Provider.TWILIO, null, null);
        MessageState first = MessageState.initial(MESSAGE, TENANT, Channel.SMS, Provider.TWILIO, QUEUED_AT);
        MessageState second =
                MessageState.initial(UUID.randomUUID(), TENANT, Channel.EMAIL, Provider.SES, QUEUED_AT.plusSeconds(10));
        MessageDimensions email = new MessageDimensions(TENANT, Channel.EMAIL, Provider.SES, DISTRIBUTION, null);

        RollupDelta.Builder all = RollupDelta.builder();
        RollupDeltas.addFinalState(all, sms, first, List.of());
        RollupDeltas.addFinalState(all, email, second, List.of());

        RollupDelta separately = RollupDeltas.ofFinalState(sms, first, List.of())
                .plus(RollupDeltas.ofFinalState(email, second, List.of()));
        assertThat(all.build()).isEqualTo(separately);
        assertThat(all.build().counts(RollupKey.containing(TENANT, Scope.all(), BucketSize.DAY, QUEUED_AT))
                        .get("stage.queued"))
                .isEqualTo(2);
    }
}
