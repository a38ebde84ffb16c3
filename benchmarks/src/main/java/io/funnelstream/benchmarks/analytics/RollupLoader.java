package io.funnelstream.benchmarks.analytics;

import io.funnelstream.benchmarks.analytics.SyntheticHistory.Event;
import io.funnelstream.benchmarks.analytics.SyntheticHistory.Message;
import io.funnelstream.benchmarks.analytics.SyntheticHistory.SurveyEvent;
import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.MessageDimensions;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupDeltas;
import io.funnelstream.engine.rollup.SurveyStep;
import io.funnelstream.engine.rollup.WindowId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns messages into the rollup deltas the pipeline would have applied for them (a recount of each message's final
 * state, its survey steps and response time) and applies them to a store, a window every {@code windowMessages}
 * messages, in sending order, as a live stream would.
 */
final class RollupLoader {

    private static final java.time.Duration TIMEOUT = Duration.ofMinutes(5);

    private final RollupStore store;
    private final TenantId tenant;
    private final UUID survey;
    private final int windowMessages;
    private RollupDelta.Builder window = RollupDelta.builder();
    private int inWindow;
    private long windows;

    RollupLoader(RollupStore store, TenantId tenant, UUID survey, int windowMessages) {
        this.store = store;
        this.tenant = tenant;
        this.survey = survey;
        this.windowMessages = windowMessages;
    }

    /** The state the lifecycle would have reached for the message. */
    MessageState state(Message m) {
        int opens = 0;
        int machineOpens = 0;
        int clicks = 0;
        for (Event e : m.events()) {
            if (e.type().equals("opened")) {
                if (e.machine()) {
                    machineOpens++;
                } else {
                    opens++;
                }
            } else if (e.type().equals("clicked")) {
                clicks++;
            }
        }
        return new MessageState(m.id(), tenant, m.channel(), m.provider(), m.reached(), opens, machineOpens, clicks,
                null);
    }

    void add(Message m, MessageState state) {
        MessageDimensions dimensions = new MessageDimensions(tenant, m.channel(), m.provider(), m.distribution(), survey);
        List<MessageEvent> activity = new ArrayList<>(2);
        for (Event e : m.events()) {
            if (e.type().equals("opened") || e.type().equals("clicked")) {
                EventType type = e.type().equals("opened") ? EventType.OPENED : EventType.CLICKED;
                activity.add(new MessageEvent(tenant, m.channel(), m.provider(), "e" + activity.size(), "m", m.id(),
                        type, e.at(), e.at(), null, null, null, null, null, e.machine(), e.type()));
            }
        }
        RollupDeltas.addFinalState(window, dimensions, state, activity);
        Instant delivered = m.reached().get(Stage.DELIVERED);
        for (SurveyEvent s : m.survey()) {
            window.addAll(RollupDeltas.ofSurveyStep(dimensions, s.step(), true, s.at()));
            if (s.step() == SurveyStep.COMPLETED && delivered != null) {
                window.addAll(RollupDeltas.ofResponse(dimensions, s.at(), Duration.between(delivered, s.at())));
            }
        }
        if (++inWindow == windowMessages) {
            flush();
        }
    }

    /** Applies what is pending; returns the windows applied so far. */
    long flush() {
        if (inWindow > 0) {
            store.apply(tenant, new WindowId("bench", windows, windows), window.build()).block(TIMEOUT);
            windows++;
            window = RollupDelta.builder();
            inWindow = 0;
        }
        return windows;
    }
}
