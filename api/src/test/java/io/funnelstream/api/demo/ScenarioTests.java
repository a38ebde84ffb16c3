package io.funnelstream.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.api.demo.Scenario.Plan;
import io.funnelstream.api.demo.Scenario.Status;
import io.funnelstream.api.demo.Scenario.Step;
import io.funnelstream.engine.model.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScenarioTests {

    private static List<Plan> plans(int n) {
        SplittableRandom random = new SplittableRandom(42);
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            plans.add(Scenario.draw(random, List.of(Channel.EMAIL, Channel.SMS, Channel.WHATSAPP)));
        }
        return plans;
    }

    @Test
    void shouldOnlyUseProvidersThatCarryTheChannel() {
        assertThat(plans(2_000)).allSatisfy(plan -> assertThat(plan.provider().carries(plan.channel())).isTrue());
    }

    @Test
    void shouldPostStepsInArrivalOrderAndNeverBeforeTheyHappen() {
        assertThat(plans(2_000)).allSatisfy(plan -> {
            List<Step> steps = plan.steps();
            for (int i = 0; i < steps.size(); i++) {
                assertThat(steps.get(i).arrives()).isGreaterThanOrEqualTo(steps.get(i).happened());
                if (i > 0) {
                    assertThat(steps.get(i).arrives()).isGreaterThanOrEqualTo(steps.get(i - 1).arrives());
                }
            }
        });
    }

    @Test
    void shouldMixBouncesFailuresDuplicatesAndOutOfOrderArrivals() {
        List<Plan> plans = plans(2_000);
        assertThat(plans).anyMatch(p -> has(p, Status.BOUNCED));
        assertThat(plans).anyMatch(p -> has(p, Status.FAILED));
        assertThat(plans).anyMatch(p -> has(p, Status.OPENED) && has(p, Status.CLICKED));
        assertThat(plans).anyMatch(p -> has(p, Status.READ));
        assertThat(plans).anyMatch(p -> has(p, Status.VIEWED) && has(p, Status.STARTED) && has(p, Status.COMPLETED));
        assertThat(plans).allMatch(p -> !has(p, Status.COMPLETED) || has(p, Status.STARTED));
        assertThat(plans).anyMatch(p -> p.steps().stream().anyMatch(Step::copy));
        assertThat(plans).anyMatch(p -> p.steps().getFirst().status() != Status.SENT);
        long delivered = plans.stream().filter(p -> has(p, Status.DELIVERED)).count();
        assertThat(delivered).isBetween(1_900L, 1_990L);
    }

    @Test
    void shouldEngageOnlyAsEachChannelCan() {
        assertThat(plans(2_000)).allSatisfy(plan -> {
            if (plan.channel() != Channel.EMAIL) {
                assertThat(has(plan, Status.OPENED) || has(plan, Status.BOUNCED)).isFalse();
            }
            if (plan.channel() != Channel.WHATSAPP) {
                assertThat(has(plan, Status.READ)).isFalse();
            }
        });
    }

    private static boolean has(Plan plan, Status status) {
        return plan.steps().stream().anyMatch(s -> s.status() == status);
    }
}
