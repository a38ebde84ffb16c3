package io.funnelstream.engine.rollup;

import static io.funnelstream.engine.rollup.RollupScenarios.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RollupKeyTests {

    private static final Instant AT = Instant.parse("2026-11-02T13:47:12.345Z");

    @Test
    void shouldAlignBucketsToUtc() {
        assertThat(BucketSize.MINUTE.start(AT)).isEqualTo(Instant.parse("2026-11-02T13:47:00Z"));
        assertThat(BucketSize.HOUR.start(AT)).isEqualTo(Instant.parse("2026-11-02T13:00:00Z"));
        assertThat(BucketSize.DAY.start(AT)).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
        assertThat(BucketSize.DAY.start(Instant.parse("1969-12-31T23:00:00Z")))
                .isEqualTo(Instant.parse("1969-12-31T00:00:00Z"));
        assertThat(RollupKey.containing(TENANT, Scope.all(), BucketSize.HOUR, AT).bucketEnd())
                .isEqualTo(Instant.parse("2026-11-02T14:00:00Z"));
    }

    @Test
    void shouldRejectAKeyThatDoesNotStartABucket() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RollupKey(TENANT, Scope.all(), BucketSize.HOUR, AT));
        assertThatIllegalArgumentException().isThrownBy(() -> new RollupKey(TENANT, Scope.all(), BucketSize.MINUTE,
                Instant.parse("2026-11-02T13:47:00.001Z")));
    }

    @Test
    void shouldRoundTripScopeCodes() {
        List<Scope> scopes = List.of(Scope.all(), Scope.channel(Channel.WHATSAPP), Scope.provider(Provider.SES),
                Scope.distribution(UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a")),
                Scope.survey(UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")),
                Scope.variant(UUID.fromString("7e57a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b"), "short-subject_2"));

        for (Scope scope : scopes) {
            assertThat(Scope.fromCode(scope.code())).contains(scope);
        }
        assertThat(scopes).extracting(Scope::code).startsWith("all", "ch=whatsapp", "pr=ses");
        assertThat(Scope.fromCode("ch=EMAIL")).isEmpty();
        assertThat(Scope.fromCode("di=not-a-uuid")).isEmpty();
        assertThat(Scope.fromCode("xx=1")).isEmpty();
        assertThat(Scope.fromCode("xv=7e57a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b")).isEmpty();
        assertThat(Scope.fromCode("xv=7e57a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b.B")).isEmpty();
        assertThat(Scope.fromCode("xv=7e57a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b.")).isEmpty();
        assertThat(Scope.fromCode("xv=not-a-uuid.a")).isEmpty();
    }

    @Test
    void shouldNameEveryStageCounterAfterItsSlug() {
        for (Stage stage : Stage.values()) {
            assertThat(Counter.stageOf(Counter.reached(stage))).contains(stage);
        }
        assertThat(Counter.reached(Stage.SOFT_BOUNCED)).isEqualTo("stage.soft_bounced");
        assertThat(Counter.stageOf(Counter.OPENS)).isEmpty();
        assertThat(SurveyStep.COMPLETED.uniqueCounter()).isEqualTo("funnel.completed.unique");
    }

    @Test
    void shouldListTheBucketsOfAQueryAndWidenAnUnalignedRange() {
        RollupQuery query = RollupQuery.covering(TENANT, Scope.all(), BucketSize.HOUR, AT, AT.plusSeconds(3600));

        assertThat(query.bucketStarts()).containsExactly(Instant.parse("2026-11-02T13:00:00Z"),
                Instant.parse("2026-11-02T14:00:00Z"));
        assertThatIllegalArgumentException().isThrownBy(() -> new RollupQuery(TENANT, Scope.all(), BucketSize.MINUTE,
                Instant.EPOCH, Instant.EPOCH.plusSeconds(60L * (RollupQuery.MAX_BUCKETS + 1))));
        assertThatIllegalArgumentException().isThrownBy(() -> new RollupQuery(TENANT, Scope.all(), BucketSize.DAY,
                Instant.EPOCH.plusSeconds(86_400), Instant.EPOCH));
    }
}
