package io.funnelstream.engine.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Stage;
import org.junit.jupiter.api.Test;

class CounterTests {

    @Test
    void shouldGiveOneInstancePerCounterName() {
        String read = new String("stage.delivered".toCharArray());
        String bucket = new String("rt.b.346".toCharArray());

        assertThat(Counter.canonical(read)).isSameAs(Counter.reached(Stage.DELIVERED)).isNotSameAs(read);
        assertThat(Counter.canonical(bucket)).isSameAs(LatencySketch.bucketCounter(346));
        assertThat(Counter.canonical(new String(Counter.OPENS.toCharArray()))).isSameAs(Counter.OPENS);
        assertThat(Counter.canonical(new String("funnel.viewed.unique".toCharArray())))
                .isSameAs(SurveyStep.VIEWED.uniqueCounter());
    }

    @Test
    void shouldKeepAnUnseenNameAsItIsTheFirstTime() {
        String name = new String("custom.counter.for-this-test".toCharArray());

        assertThat(Counter.canonical(name)).isSameAs(name);
        assertThat(Counter.canonical(new String(name.toCharArray()))).isSameAs(name);
    }
}
