package io.funnelstream.api.demo;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What happens to one demo message, drawn from plausible rates: which channel and provider carry it, which events
 * the provider reports, when each happened and when its webhook reaches us. Some webhooks arrive twice (a provider
 * retry), some out of order (delivered before sent), some messages bounce or fail with a provider's reason. About a
 * third of the delivered messages' recipients open the survey; most of those start it and most starters complete.
 */
final class Scenario {

    /** What a provider reports, in provider-neutral words; {@link SignedPosts} writes each provider's payload. */
    enum Status {
        SENT, DEFERRED, DELIVERED, BOUNCED, FAILED, OPENED, CLICKED, READ,
        /** Survey funnel steps, which the survey page reports (POST /api/tracking/events), not the provider. */
        VIEWED, STARTED, COMPLETED;

        boolean survey() {
            return this == VIEWED || this == STARTED || this == COMPLETED;
        }
    }

    /**
     * One webhook.
     *
     * @param status what it reports
     * @param happened when it happened, after the message was queued
     * @param arrives when it is posted to us, after the message was queued
     * @param copy true for a provider's retry of a webhook already posted
     */
    record Step(Status status, Duration happened, Duration arrives, boolean copy) {}

    /** A message and its webhooks, in the order they arrive. */
    record Plan(Channel channel, Provider provider, List<Step> steps) {}

    private Scenario() {}

    static Plan draw(RandomGenerator random, List<Channel> channels) {
        Channel channel = channels.get(random.nextInt(channels.size()));
        Provider provider = switch (channel) {
            case EMAIL -> random.nextInt(10) < 6 ? Provider.SENDGRID : Provider.MAILGUN;
            case SMS -> Provider.TWILIO;
            case WHATSAPP -> random.nextBoolean() ? Provider.TWILIO : Provider.META;
        };
        List<Step> steps = new ArrayList<>();
        long sent = between(random, 300, 1_500);
        add(steps, random, Status.SENT, sent);
        long outcome = sent + between(random, 800, 4_000);
        int roll = random.nextInt(100);
        int bad = channel == Channel.EMAIL ? 3 : 2;
        if (roll < bad) {
            add(steps, random, channel == Channel.EMAIL ? Status.BOUNCED : Status.FAILED, outcome);
        } else {
            if (channel == Channel.EMAIL && roll < bad + 3) {
                add(steps, random, Status.DEFERRED, outcome);
                outcome += between(random, 2_000, 6_000);
            }
            add(steps, random, Status.DELIVERED, outcome);
            engagement(steps, random, channel, outcome);
            survey(steps, random, outcome);
        }
        if (random.nextInt(100) < 6 && steps.size() > 1) {
            // Out of order: the outcome's webhook overtakes the send's.
            Step first = steps.get(0);
            Step second = steps.get(1);
            steps.set(0, new Step(first.status(), first.happened(), second.arrives().plusMillis(400), false));
        }
        for (Step step : List.copyOf(steps)) {
            if (random.nextInt(100) < 4) {
                steps.add(new Step(step.status(), step.happened(), step.arrives().plusMillis(between(random, 500, 3_000)),
                        true));
            }
        }
        steps.sort(Comparator.comparing(Step::arrives));
        return new Plan(channel, provider, List.copyOf(steps));
    }

    private static void engagement(List<Step> steps, RandomGenerator random, Channel channel, long delivered) {
        if (channel == Channel.EMAIL && random.nextInt(100) < 45) {
            long opened = delivered + between(random, 3_000, 25_000);
            add(steps, random, Status.OPENED, opened);
            if (random.nextInt(100) < 40) {
                add(steps, random, Status.CLICKED, opened + between(random, 2_000, 10_000));
            }
        } else if (channel == Channel.WHATSAPP && random.nextInt(100) < 60) {
            add(steps, random, Status.READ, delivered + between(random, 3_000, 30_000));
        }
    }

    private static void survey(List<Step> steps, RandomGenerator random, long delivered) {
        if (random.nextInt(100) >= 35) {
            return;
        }
        long viewed = delivered + between(random, 5_000, 40_000);
        add(steps, random, Status.VIEWED, viewed);
        if (random.nextInt(100) < 70) {
            long started = viewed + between(random, 2_000, 8_000);
            add(steps, random, Status.STARTED, started);
            if (random.nextInt(100) < 75) {
                add(steps, random, Status.COMPLETED, started + between(random, 20_000, 90_000));
            }
        }
    }

    /** A step that reaches us a little after it happened. */
    private static void add(List<Step> steps, RandomGenerator random, Status status, long happenedMs) {
        steps.add(new Step(status, Duration.ofMillis(happenedMs),
                Duration.ofMillis(happenedMs + between(random, 50, 600)), false));
    }

    private static long between(RandomGenerator random, long from, long to) {
        return random.nextLong(from, to);
    }
}
