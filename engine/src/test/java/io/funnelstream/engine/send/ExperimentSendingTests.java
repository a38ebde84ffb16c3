package io.funnelstream.engine.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.experiment.Assigned;
import io.funnelstream.engine.experiment.Assignment;
import io.funnelstream.engine.experiment.ExperimentAssignments;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogBatch;
import io.funnelstream.engine.port.LogPositions;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.ProviderSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The sender under experiments, with scripted fakes of the outbox, the assignments and the provider. */
class ExperimentSendingTests {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final TenantId TENANT = TenantId.of("5e0c7a1b-2d3f-4a6b-8c9d-0e1f2a3b4c5d");
    static final UUID EXPERIMENT = UUID.fromString("7e57a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b");
    static final MessageTemplate TEMPLATE =
            new MessageTemplate("Your view", "Hi {{first_name}}: {{survey_link}}", "<p>Hi {{first_name}}</p>");
    static final SendSettings SETTINGS = new SendSettings(10, 4, Duration.ofSeconds(60), Duration.ofSeconds(10),
            Duration.ofMillis(10), 3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofDays(1), Duration.ofMinutes(2));

    final FakeOutbox outbox = new FakeOutbox();
    final FakeProvider provider = new FakeProvider();
    final FakeProvider twilio = new FakeProvider(Provider.TWILIO);

    @Test
    void shouldSendAVariantWithItsSettingsAndStoreItsArm() {
        ClaimedSend send = claimed();
        OutboxSender sender = sender((t, d, r) -> Mono.just(new Assigned(EXPERIMENT, new Assignment.Send("b", true),
                Map.of("subject", "Quick question, {{first_name}}", "template", "Two minutes? {{survey_link}}"))));

        SendResult result = sender.process(send).block(Duration.ofSeconds(5));

        assertThat(result.kind()).isEqualTo(SendResult.Kind.SENT);
        OutboundMessage sent = provider.sent.getFirst();
        assertThat(sent.subject()).isEqualTo("Quick question, Ann");
        assertThat(sent.text()).startsWith("Two minutes? https://survey.example/nps?ft=");
        assertThat(sent.html()).as("a variant text without HTML sends its text alone").isNull();
        assertThat(outbox.outcomes).containsExactly("sent");
        assertThat(outbox.arms).containsExactly(new ExperimentArm(EXPERIMENT, "b", true));
    }

    @Test
    void shouldSendTheDistributionAsItIsWithoutAnExperiment() {
        SendResult result = sender(ExperimentAssignments.NONE).process(claimed()).block(Duration.ofSeconds(5));

        assertThat(result.kind()).isEqualTo(SendResult.Kind.SENT);
        assertThat(provider.sent.getFirst().subject()).isEqualTo("Your view");
        assertThat(provider.sent.getFirst().html()).isEqualTo("<p>Hi Ann</p>");
        assertThat(outbox.arms).containsExactly((ExperimentArm) null);
    }

    @Test
    void shouldHoldTheRemainderUntilAskedAgainWithoutSending() {
        OutboxSender sender = sender((t, d, r) -> Mono.just(new Assigned(EXPERIMENT, new Assignment.Wait(), Map.of())));

        SendResult result = sender.process(claimed()).block(Duration.ofSeconds(5));

        assertThat(result.kind()).isEqualTo(SendResult.Kind.HELD);
        assertThat(provider.sent).isEmpty();
        assertThat(outbox.outcomes).containsExactly("held");
        assertThat(outbox.heldUntil).containsExactly(NOW.plus(Duration.ofMinutes(2)));
        assertThat(outbox.arms).containsExactly((ExperimentArm) null);
        assertThat(sender.stats().held()).isEqualTo(1);
    }

    @Test
    void shouldHoldEveryRecipientOfAnExperimentThatIsNotRunning() {
        OutboxSender sender =
                sender((t, d, r) -> Mono.just(new Assigned(EXPERIMENT, new Assignment.NotRunning(), Map.of())));

        assertThat(sender.process(claimed()).block(Duration.ofSeconds(5)).kind()).isEqualTo(SendResult.Kind.HELD);
        assertThat(provider.sent).isEmpty();
        assertThat(outbox.heldUntil).containsExactly(NOW.plus(Duration.ofMinutes(2)));
    }

    @Test
    void shouldHoldAVariantUntilItsSendTimeThenSendIt() {
        Instant at = NOW.plus(Duration.ofHours(3));
        ExperimentAssignments assignments = (t, d, r) -> Mono.just(new Assigned(EXPERIMENT,
                new Assignment.Send("b", true), Map.of("sendAt", at.toString())));

        SendResult early = sender(assignments).process(claimed()).block(Duration.ofSeconds(5));
        SendResult due = sender(assignments, Clock.fixed(at, ZoneOffset.UTC)).process(claimed(at))
                .block(Duration.ofSeconds(5));

        assertThat(early.kind()).isEqualTo(SendResult.Kind.HELD);
        assertThat(outbox.heldUntil).containsExactly(at);
        assertThat(due.kind()).isEqualTo(SendResult.Kind.SENT);
        assertThat(provider.sent).hasSize(1);
        assertThat(outbox.arms).containsOnly(new ExperimentArm(EXPERIMENT, "b", true));
    }

    @Test
    void shouldNotSendWhenTheLeaseEndsTooSoonAfterTheAssignment() {
        ClaimedSend send = claimed(NOW, NOW.plusSeconds(5));
        OutboxSender sender = sender((t, d, r) -> Mono.just(new Assigned(EXPERIMENT, new Assignment.Send("a", true),
                Map.of())));

        assertThat(sender.process(send).block(Duration.ofSeconds(5)).kind()).isEqualTo(SendResult.Kind.LEASE_LOST);
        assertThat(provider.sent).isEmpty();
        assertThat(outbox.outcomes).isEmpty();
    }

    @Test
    void shouldNotAskTheExperimentAboutASuppressedRecipient() {
        ClaimedSend suppressed = new ClaimedSend(UUID.randomUUID(), TENANT, UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), Channel.EMAIL, "ann@example.com", Provider.SENDGRID, 1, TEMPLATE,
                "https://survey.example/nps", null, Map.of(), "opted_out", NOW, NOW.plusSeconds(60));
        List<UUID> asked = new ArrayList<>();
        OutboxSender sender = sender((t, d, r) -> {
            asked.add(r);
            return Mono.empty();
        });

        assertThat(sender.process(suppressed).block(Duration.ofSeconds(5)).kind())
                .isEqualTo(SendResult.Kind.SUPPRESSED);
        assertThat(asked).isEmpty();
    }

    @Test
    void shouldStoreNoOutcomeOfARowAnotherWorkerHoldsNow() {
        outbox.holding = false;
        OutboxSender sender = sender((t, d, r) -> Mono.just(new Assigned(EXPERIMENT, new Assignment.Wait(), Map.of())));

        assertThat(sender.process(claimed()).block(Duration.ofSeconds(5)).kind())
                .isEqualTo(SendResult.Kind.LEASE_LOST);
        assertThat(sender.stats().held()).isZero();
        assertThat(sender.stats().lostLeases()).isEqualTo(1);
    }

    @Test
    void shouldRecordTheArmOfAFinishedSendInItsQueuedRecord() {
        ExperimentArm arm = new ExperimentArm(EXPERIMENT, "b", true);
        FinishedSend finished = new FinishedSend(UUID.randomUUID(), TENANT, UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), Channel.EMAIL, Provider.SENDGRID, "pm-1", null, null, NOW, NOW.plusSeconds(1), arm);

        LogRecord.MessageQueued queued = (LogRecord.MessageQueued) SendRecords.of(finished).getFirst();

        assertThat(queued.arm()).isEqualTo(arm);
    }

    @Test
    void shouldSendAChannelVariantToTheRecipientsAddressThereThroughTheTenantsProviderForIt() {
        OutboxSender sender = sender(channelVariant("sms"));

        SendResult result = sender.process(reachable(Map.of())).block(Duration.ofSeconds(5));

        assertThat(result.kind()).isEqualTo(SendResult.Kind.SENT);
        assertThat(provider.sent).as("nothing by email").isEmpty();
        OutboundMessage sms = twilio.sent.getFirst();
        assertThat(sms.channel()).isEqualTo(Channel.SMS);
        assertThat(sms.to()).isEqualTo("+4915112345678");
        assertThat(sms.subject()).as("no subject on SMS").isNull();
        assertThat(sms.html()).isNull();
        assertThat(sms.text()).as("the distribution's text body").startsWith("Hi Ann: https://survey.example/nps?ft=");
        assertThat(outbox.sentOn).containsExactly("sms +4915112345678 TWILIO");
        assertThat(outbox.arms).containsExactly(new ExperimentArm(EXPERIMENT, "b", true));
    }

    @Test
    void shouldFailAChannelVariantOfARecipientWithoutAnAddressThereUnderTheVariant() {
        ClaimedSend noPhone = new ClaimedSend(UUID.randomUUID(), TENANT, UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), Channel.EMAIL, "ann@example.com", Provider.SENDGRID, 1,
                TEMPLATE, "https://survey.example/nps", "en", Map.of("first_name", "Ann"), null, NOW,
                NOW.plusSeconds(60), Map.of(Channel.EMAIL, new ChannelReach("ann@example.com", Provider.SENDGRID, null),
                        Channel.SMS, new ChannelReach(null, Provider.TWILIO, null)));

        SendResult result = sender(channelVariant("sms")).process(noPhone).block(Duration.ofSeconds(5));

        assertThat(result.kind()).isEqualTo(SendResult.Kind.FAILED);
        assertThat(provider.sent).as("never moved back to email").isEmpty();
        assertThat(twilio.sent).isEmpty();
        assertThat(outbox.codes).containsExactly("no-address-for-variant-channel");
        assertThat(outbox.sentOn).as("failed on the variant's channel, through its provider, so it is counted")
                .containsExactly("sms  TWILIO");
        assertThat(outbox.arms).containsExactly(new ExperimentArm(EXPERIMENT, "b", true));
    }

    @Test
    void shouldSuppressAChannelVariantWhoseAddressThereIsSuppressed() {
        SendResult result = sender(channelVariant("sms"))
                .process(reachable(Map.of(Channel.SMS, "unsubscribed"))).block(Duration.ofSeconds(5));

        assertThat(result.kind()).isEqualTo(SendResult.Kind.SUPPRESSED);
        assertThat(twilio.sent).isEmpty();
        assertThat(outbox.codes).containsExactly("unsubscribed");
        assertThat(outbox.sentOn).containsExactly("sms +4915112345678 TWILIO");
    }

    @Test
    void shouldFailAChannelVariantWithoutAProviderForItsChannel() {
        OutboxSender sender = sender(channelVariant("whatsapp"));

        SendResult result = sender.process(reachable(Map.of())).block(Duration.ofSeconds(5));

        assertThat(result.kind()).isEqualTo(SendResult.Kind.FAILED);
        assertThat(outbox.codes).containsExactly("provider-not-chosen");
        assertThat(provider.sent).isEmpty();
        assertThat(twilio.sent).isEmpty();
    }

    @Test
    void shouldRequireASubjectWhenAVariantMovesAMessageToEmail() {
        ClaimedSend sms = new ClaimedSend(UUID.randomUUID(), TENANT, UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), Channel.SMS, "+4915112345678", Provider.TWILIO, 1,
                new MessageTemplate(null, "Hi {{first_name}}: {{survey_link}}", null), "https://survey.example/nps",
                "en", Map.of("first_name", "Ann"), null, NOW, NOW.plusSeconds(60), Map.of(
                        Channel.SMS, new ChannelReach("+4915112345678", Provider.TWILIO, null),
                        Channel.EMAIL, new ChannelReach("ann@example.com", Provider.SENDGRID, null)));

        assertThat(sender(channelVariant("email")).process(sms).block(Duration.ofSeconds(5)).kind())
                .isEqualTo(SendResult.Kind.FAILED);
        assertThat(outbox.codes).containsExactly("subject-missing");

        outbox.codes.clear();
        ExperimentAssignments withSubject = (t, d, r) -> Mono.just(new Assigned(EXPERIMENT,
                new Assignment.Send("b", true), Map.of("channel", "email", "subject", "Your view, {{first_name}}")));
        assertThat(sender(withSubject).process(sms).block(Duration.ofSeconds(5)).kind())
                .isEqualTo(SendResult.Kind.SENT);
        OutboundMessage email = provider.sent.getFirst();
        assertThat(email.to()).isEqualTo("ann@example.com");
        assertThat(email.subject()).isEqualTo("Your view, Ann");
    }

    @Test
    void shouldKeepTheChannelOfAVariantThatNamesTheOneTheMessageWasQueuedWith() {
        SendResult result = sender(channelVariant("email")).process(reachable(Map.of())).block(Duration.ofSeconds(5));

        assertThat(result.kind()).isEqualTo(SendResult.Kind.SENT);
        assertThat(provider.sent.getFirst().to()).isEqualTo("ann@example.com");
        assertThat(twilio.sent).isEmpty();
    }

    /** Every recipient gets variant b, which sends on {@code channel}. */
    private static ExperimentAssignments channelVariant(String channel) {
        return (t, d, r) -> Mono.just(new Assigned(EXPERIMENT, new Assignment.Send("b", true),
                Map.of("channel", channel)));
    }

    /** An email send whose recipient also has a phone number; the tenant sends SMS with Twilio. */
    private static ClaimedSend reachable(Map<Channel, String> suppressed) {
        return new ClaimedSend(UUID.randomUUID(), TENANT, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                Channel.EMAIL, "ann@example.com", Provider.SENDGRID, 1, TEMPLATE, "https://survey.example/nps", "en",
                Map.of("first_name", "Ann"), null, NOW, NOW.plusSeconds(60), Map.of(
                        Channel.EMAIL, new ChannelReach("ann@example.com", Provider.SENDGRID, null),
                        Channel.SMS, new ChannelReach("+4915112345678", Provider.TWILIO, suppressed.get(Channel.SMS)),
                        Channel.WHATSAPP, new ChannelReach("+4915112345678", null, null)));
    }

    private OutboxSender sender(ExperimentAssignments assignments) {
        return sender(assignments, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private OutboxSender sender(ExperimentAssignments assignments, Clock clock) {
        ProviderSecrets secrets = new ProviderSecrets() {
            @Override
            public Mono<Map<String, String>> find(TenantId tenant, Provider p) {
                return Mono.just(Map.of("apiKey", "k"));
            }

            @Override
            public Mono<Void> put(TenantId tenant, Provider p, Map<String, String> s) {
                return Mono.empty();
            }

            @Override
            public Mono<Boolean> delete(TenantId tenant, Provider p) {
                return Mono.just(false);
            }

            @Override
            public Flux<Configured> list(TenantId tenant) {
                return Flux.empty();
            }

            @Override
            public Mono<Long> reseal(TenantId tenant) {
                return Mono.just(0L);
            }
        };
        EventLog log = new EventLog() {
            @Override
            public Mono<Void> append(List<LogRecord> records) {
                return Mono.empty();
            }

            @Override
            public Flux<LogBatch> consume(String consumerGroup, LogPositions positions) {
                return Flux.empty();
            }
        };
        TrackingLinks links = new TrackingLinks() {
            @Override
            public String token(TrackingToken token) {
                return "tok-" + token.messageId();
            }

            @Override
            public Optional<TrackingToken> verify(String token, Instant now) {
                return Optional.empty();
            }
        };
        return new OutboxSender(outbox, ProviderClients.of(provider, twilio), secrets, log, links, assignments, clock,
                Schedulers.parallel(), SETTINGS, "worker-1");
    }

    private static ClaimedSend claimed() {
        return claimed(NOW);
    }

    private static ClaimedSend claimed(Instant now) {
        return claimed(now, now.plusSeconds(60));
    }

    private static ClaimedSend claimed(Instant now, Instant leaseUntil) {
        return new ClaimedSend(UUID.randomUUID(), TENANT, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                Channel.EMAIL, "ann@example.com", Provider.SENDGRID, 1, TEMPLATE, "https://survey.example/nps", "en",
                Map.of("first_name", "Ann"), null, now, leaseUntil);
    }

    /** Accepts every message and keeps it. */
    static final class FakeProvider implements ProviderClient {
        final List<OutboundMessage> sent = new ArrayList<>();
        final Provider provider;

        FakeProvider() {
            this(Provider.SENDGRID);
        }

        FakeProvider(Provider provider) {
            this.provider = provider;
        }

        @Override
        public Provider provider() {
            return provider;
        }

        @Override
        public Mono<SendOutcome> send(OutboundMessage message, Map<String, String> credentials) {
            sent.add(message);
            return Mono.just(new SendOutcome.Accepted("pm-" + sent.size()));
        }
    }

    /** Records each outcome with the arm it stored; {@link #holding} false plays a lease lost to another worker. */
    static final class FakeOutbox implements SendOutbox {
        final List<String> outcomes = new ArrayList<>();
        final List<@Nullable ExperimentArm> arms = new ArrayList<>();
        final List<Instant> heldUntil = new ArrayList<>();
        final List<String> sentOn = new ArrayList<>();
        final List<String> codes = new ArrayList<>();
        boolean holding = true;

        private Mono<Boolean> store(String outcome, ClaimedSend send) {
            if (holding) {
                outcomes.add(outcome);
                arms.add(send.arm());
                sentOn.add(send.channel().slug() + " " + send.address() + " " + send.provider());
            }
            return Mono.just(holding);
        }

        @Override
        public Flux<ClaimedSend> claim(String worker, Instant now, Duration lease, int max) {
            return Flux.empty();
        }

        @Override
        public Mono<Boolean> sent(ClaimedSend send, String worker, String providerMessageId, Instant at) {
            return store("sent", send);
        }

        @Override
        public Mono<Boolean> failed(ClaimedSend send, String worker, String code, String reason, Instant at) {
            codes.add(code);
            return store("failed", send);
        }

        @Override
        public Mono<Boolean> retryAt(ClaimedSend send, String worker, String code, String reason, Instant next) {
            return store("retry", send);
        }

        @Override
        public Mono<Boolean> held(ClaimedSend send, String worker, Instant until) {
            if (holding) {
                heldUntil.add(until);
            }
            return store("held", send);
        }

        @Override
        public Mono<Boolean> suppressed(ClaimedSend send, String worker, String reason, Instant at) {
            codes.add(reason);
            return store("suppressed", send);
        }

        @Override
        public Flux<FinishedSend> unrecorded(int max) {
            return Flux.empty();
        }

        @Override
        public Mono<Void> recorded(TenantId tenant, Collection<UUID> messageIds) {
            return Mono.empty();
        }
    }
}
