package io.funnelstream.benchmarks.analytics;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.SurveyStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One tenant's last seven days of messages in the order they were sent, each with its provider events (sent,
 * delivered or a failure, opens, clicks, WhatsApp reads) and survey events (viewed, started, completed), until a
 * given number of events. About 3 events a message.
 */
final class SyntheticHistory {

    /** A provider event: its type slug, its time, and whether an open was automated. */
    record Event(String type, Instant at, boolean machine) {}

    /** A survey event of a message. */
    record SurveyEvent(SurveyStep step, Instant at) {}

    /** One message and everything that happened to it. */
    record Message(
            UUID id,
            Channel channel,
            Provider provider,
            UUID distribution,
            Map<Stage, Instant> reached,
            List<Event> events,
            List<SurveyEvent> survey) {

        int eventCount() {
            return events.size() + survey.size();
        }
    }

    private static final Provider[] EMAIL = {Provider.SENDGRID, Provider.MAILGUN, Provider.SES};
    private static final Provider[] SMS = {Provider.TWILIO, Provider.UNIFONIC};
    private static final Provider[] WHATSAPP = {Provider.TWILIO, Provider.META};

    private final TenantId tenant;
    private final List<UUID> distributions;
    private final Instant from;
    private final Instant to;
    private final Random random;

    SyntheticHistory(TenantId tenant, List<UUID> distributions, Instant from, Instant to, long seed) {
        this.tenant = tenant;
        this.distributions = distributions;
        this.from = from;
        this.to = to;
        this.random = new Random(seed);
    }

    TenantId tenant() {
        return tenant;
    }

    /** Hands out messages in sending order until {@code events} events have happened; returns how many. */
    long generate(long events, Consumer<Message> sink) {
        long messages = Math.max(1, events / 3);
        double step = (double) Duration.between(from, to).toMillis() / messages;
        long produced = 0;
        long count = 0;
        while (produced < events) {
            Instant sent = from.plusMillis((long) (count * step));
            if (!sent.isBefore(to)) {
                sent = to.minusMillis(1 + random.nextInt(1000));
            }
            Message message = message(sent);
            produced += message.eventCount();
            count++;
            sink.accept(message);
        }
        return produced;
    }

    private Message message(Instant sent) {
        Channel channel = random.nextInt(10) < 5 ? Channel.EMAIL : random.nextInt(5) < 3 ? Channel.SMS : Channel.WHATSAPP;
        Provider[] carriers = channel == Channel.EMAIL ? EMAIL : channel == Channel.SMS ? SMS : WHATSAPP;
        Provider provider = carriers[random.nextInt(carriers.length)];
        EnumMap<Stage, Instant> reached = new EnumMap<>(Stage.class);
        List<Event> events = new ArrayList<>(4);
        List<SurveyEvent> survey = new ArrayList<>(2);
        reached.put(Stage.QUEUED, sent);
        reach(reached, events, Stage.SENT, "sent", sent);
        if (random.nextInt(100) < 92) {
            Instant delivered = later(sent, 120);
            reach(reached, events, Stage.DELIVERED, "delivered", delivered);
            afterDelivery(channel, delivered, reached, events, survey);
        } else if (channel == Channel.EMAIL) {
            reach(reached, events, Stage.BOUNCED, "bounced", later(sent, 60));
        } else {
            reach(reached, events, Stage.FAILED, "failed", later(sent, 60));
        }
        UUID distribution = distributions.get(random.nextInt(distributions.size()));
        return new Message(UUID.randomUUID(), channel, provider, distribution, reached, events, survey);
    }

    private void afterDelivery(Channel channel, Instant delivered, Map<Stage, Instant> reached, List<Event> events,
            List<SurveyEvent> survey) {
        if (channel == Channel.EMAIL && random.nextInt(100) < 10) {
            events.add(new Event("opened", later(delivered, 5), true));
        }
        if (channel == Channel.EMAIL && random.nextInt(100) < 40) {
            Instant opened = later(delivered, 21_600);
            reach(reached, events, Stage.OPENED, "opened", opened);
            if (random.nextInt(100) < 25) {
                reach(reached, events, Stage.CLICKED, "clicked", later(opened, 600));
            }
        }
        if (channel == Channel.WHATSAPP && random.nextInt(100) < 70) {
            reach(reached, events, Stage.READ, "read", later(delivered, 3_600));
        }
        if (random.nextInt(100) < 30) {
            Instant viewed = later(delivered, 43_200);
            survey.add(new SurveyEvent(SurveyStep.VIEWED, viewed));
            if (random.nextInt(100) < 65) {
                Instant started = later(viewed, 60);
                survey.add(new SurveyEvent(SurveyStep.STARTED, started));
                if (random.nextInt(100) < 75) {
                    survey.add(new SurveyEvent(SurveyStep.COMPLETED, later(started, 600)));
                }
            }
        }
    }

    private static void reach(Map<Stage, Instant> reached, List<Event> events, Stage stage, String type, Instant at) {
        reached.put(stage, at);
        events.add(new Event(type, at, false));
    }

    /** Up to {@code seconds} after {@code at}, to the millisecond, and never in the future of the history. */
    private Instant later(Instant at, int seconds) {
        Instant next = at.plusMillis(1 + random.nextInt(seconds * 1_000));
        return next.isBefore(to) ? next : at;
    }
}
