package io.funnelstream.api.analytics;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.rollup.SurveyStep;
import java.time.Instant;
import java.util.UUID;

/**
 * The history the analytics tests know by heart, written for one tenant. Yesterday (2026-11-24, UTC):
 *
 * <pre>
 * #  channel   provider  distribution  what happened
 * 1  email     sendgrid  spring        sent, delivered 09:01, opened 09:10, clicked 09:20; survey viewed twice,
 *                                      started, completed 09:41 (40 min after delivery)
 * 2  email     sendgrid  spring        sent, delivered 09:01, one automated open
 * 3  email     mailgun   spring        sent, hard bounce 09:05 "mailbox unavailable" 550
 * 4  sms       twilio    summer        sent 10:00, delivered 10:01; survey viewed 10:05
 * 5  sms       unifonic  summer        sent 10:00, undelivered 10:02 "carrier violation" 30007
 * 6  whatsapp  meta      -             sent 11:00, delivered 11:01, read 11:05
 * 7  whatsapp  twilio    summer        sent 11:00, failed 11:00 "blocked" 63016
 * </pre>
 *
 * <p>and three e-mails through SES around the end of summer time in Berlin (2026-10-25, a 25-hour day): sent at
 * 00:30 and 23:30 local on the 25th and at 00:30 local on the 26th. Distribution "autumn" has no messages.
 */
final class History {

    final UUID spring;
    final UUID summer;
    final UUID autumn;

    private History(UUID spring, UUID summer, UUID autumn) {
        this.spring = spring;
        this.summer = summer;
        this.autumn = autumn;
    }

    static History writeTo(AnalyticsFixture f) {
        UUID spring = f.distribution("spring", Instant.parse("2026-11-20T08:00:00Z"));
        UUID summer = f.distribution("summer", Instant.parse("2026-11-21T08:00:00Z"));
        UUID autumn = f.distribution("autumn", Instant.parse("2026-11-22T08:00:00Z"));
        f.message(Channel.EMAIL, Provider.SENDGRID, spring)
                .event(EventType.SENT, "2026-11-24T09:00:00Z").event(EventType.DELIVERED, "2026-11-24T09:01:00Z")
                .open("2026-11-24T09:10:00Z", false).event(EventType.CLICKED, "2026-11-24T09:20:00Z")
                .survey(SurveyStep.VIEWED, "2026-11-24T09:30:00Z").survey(SurveyStep.VIEWED, "2026-11-24T09:31:00Z")
                .survey(SurveyStep.STARTED, "2026-11-24T09:32:00Z")
                .survey(SurveyStep.COMPLETED, "2026-11-24T09:41:00Z")
                .save();
        f.message(Channel.EMAIL, Provider.SENDGRID, spring)
                .event(EventType.SENT, "2026-11-24T09:00:00Z").event(EventType.DELIVERED, "2026-11-24T09:01:00Z")
                .open("2026-11-24T09:02:00Z", true)
                .save();
        f.message(Channel.EMAIL, Provider.MAILGUN, spring)
                .event(EventType.SENT, "2026-11-24T09:00:00Z")
                .bounce("2026-11-24T09:05:00Z", BounceClass.HARD, "mailbox unavailable", "550")
                .save();
        f.message(Channel.SMS, Provider.TWILIO, summer)
                .event(EventType.SENT, "2026-11-24T10:00:00Z").event(EventType.DELIVERED, "2026-11-24T10:01:00Z")
                .survey(SurveyStep.VIEWED, "2026-11-24T10:05:00Z")
                .save();
        f.message(Channel.SMS, Provider.UNIFONIC, summer)
                .event(EventType.SENT, "2026-11-24T10:00:00Z")
                .failure(EventType.UNDELIVERED, "2026-11-24T10:02:00Z", "carrier violation", "30007")
                .save();
        f.message(Channel.WHATSAPP, Provider.META, null)
                .event(EventType.SENT, "2026-11-24T11:00:00Z").event(EventType.DELIVERED, "2026-11-24T11:01:00Z")
                .event(EventType.READ, "2026-11-24T11:05:00Z")
                .save();
        f.message(Channel.WHATSAPP, Provider.TWILIO, summer)
                .event(EventType.SENT, "2026-11-24T11:00:00Z")
                .failure(EventType.FAILED, "2026-11-24T11:00:30Z", "blocked", "63016")
                .save();
        for (String at : new String[] {"2026-10-24T22:30:00Z", "2026-10-25T22:30:00Z", "2026-10-25T23:30:00Z"}) {
            f.message(Channel.EMAIL, Provider.SES, null).event(EventType.SENT, at).save();
        }
        return new History(spring, summer, autumn);
    }
}
