package io.funnelstream.infra.provider.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.OutboundMessage;
import io.funnelstream.engine.send.SendOutcome;
import io.funnelstream.testkit.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/** SMTP against GreenMail for what a server accepts, and a scripted server for its refusals and its silence. */
class SmtpClientIntegrationTests {

    private static final String PASSWORD = "smtp-password-0123";
    private static final Map<String, String> CREDENTIALS = Map.of(SmtpClient.FROM, "surveys@acme.example",
            SmtpClient.USERNAME, "surveys", SmtpClient.PASSWORD, PASSWORD);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private GreenMail greenMail;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("surveys", PASSWORD));
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private SmtpClient client(int port, ResilienceSettings settings) {
        return new SmtpClient(URI.create("smtp://127.0.0.1:" + port), Duration.ofSeconds(5),
                Schedulers.boundedElastic(), new ProviderResilience(null, clock).forProvider(Provider.SMTP, settings));
    }

    private static OutboundMessage message() {
        return new OutboundMessage(ProviderClientContract.TENANT, ProviderClientContract.MESSAGE_ID, Channel.EMAIL,
                Provider.SMTP, "ada@example.com", "Your opinion", "Tell us: https://s.example.com/t/abc",
                "<p>Tell us</p>", "idem", null, Map.of());
    }

    private static SendOutcome send(SmtpClient client, Map<String, String> credentials) {
        return ProviderClientContract.send(client, message(), credentials);
    }

    @Test
    void shouldDeliverWithOurMessageIdAfterLogin() throws Exception {
        SendOutcome outcome = send(client(greenMail.getSmtp().getPort(), ProviderClientContract.settings()),
                CREDENTIALS);

        String id = ProviderClientContract.MESSAGE_ID + "@acme.example";
        assertThat(outcome).isEqualTo(new SendOutcome.Accepted(id));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getMessageID()).isEqualTo("<" + id + ">");
        assertThat(received[0].getHeader(SmtpClient.MESSAGE_ID_HEADER)[0])
                .isEqualTo(ProviderClientContract.MESSAGE_ID.toString());
        assertThat(received[0].getSubject()).isEqualTo("Your opinion");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
        MimeMultipart parts = (MimeMultipart) received[0].getContent();
        assertThat(parts.getBodyPart(0).getContent().toString()).isEqualTo("Tell us: https://s.example.com/t/abc");
        assertThat(parts.getBodyPart(1).getContent().toString()).isEqualTo("<p>Tell us</p>");
    }

    @Test
    void shouldRefuseWrongLoginWithoutRetryingOrShowingIt() {
        Map<String, String> wrong = Map.of(SmtpClient.FROM, "surveys@acme.example", SmtpClient.USERNAME, "surveys",
                SmtpClient.PASSWORD, "not-the-password");

        SendOutcome outcome = send(client(greenMail.getSmtp().getPort(), ProviderClientContract.settings()), wrong);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.code()).isEqualTo("auth-failed");
            assertThat(f.retryable()).isFalse();
        });
        assertThat(outcome.toString()).doesNotContain("not-the-password");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void shouldRetryTransientReplyThenDeliver() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Map.of("MAIL", "421 4.7.0 try again later"), false)) {
            SendOutcome outcome = send(client(server.port(), ProviderClientContract.settings()), Map.of(
                    SmtpClient.FROM, "surveys@acme.example"));

            assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
                assertThat(f.code()).isEqualTo("421");
                assertThat(f.retryable()).isTrue();
            });
            assertThat(server.connections()).isEqualTo(ProviderClientContract.settings().maxAttempts());
        }
    }

    @Test
    void shouldNotRetryPermanentRefusalOfRecipient() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(
                Map.of("RCPT", "550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown"), false)) {
            SendOutcome outcome = send(client(server.port(), ProviderClientContract.settings()), Map.of(
                    SmtpClient.FROM, "surveys@acme.example"));

            assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
                assertThat(f.code()).isEqualTo("550");
                assertThat(f.reason()).contains("User unknown");
                assertThat(f.retryable()).isFalse();
            });
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void shouldGiveUpOnSilentServerAsRetryable() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Map.of(), true)) {
            SmtpClient client = client(server.port(), ProviderClientContract.oneAttemptWithin(Duration.ofSeconds(1)));
            SendOutcome outcome = send(client, CREDENTIALS);

            assertThat(outcome).isEqualTo(new SendOutcome.Failed(Failures.TIMEOUT, "no answer within PT1S", true,
                    null));
        }
    }

    @Test
    void shouldOpenCircuitWhileServerIsDownAndCloseAfterTheWait() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        ResilientCalls calls = new ProviderResilience(null, clock).forProvider(Provider.SMTP,
                ProviderClientContract.circuitOfTwo());
        SmtpClient down = new SmtpClient(URI.create("smtp://127.0.0.1:" + closedPort), Duration.ofSeconds(5),
                Schedulers.boundedElastic(), calls);

        assertThat(send(down, CREDENTIALS)).isInstanceOfSatisfying(SendOutcome.Failed.class,
                f -> assertThat(f.code()).isEqualTo(Failures.CONNECTION));
        send(down, CREDENTIALS);
        assertThat(calls.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(send(down, CREDENTIALS)).isInstanceOfSatisfying(SendOutcome.Failed.class,
                f -> assertThat(f.code()).isEqualTo(Failures.CIRCUIT_OPEN));

        clock.advance(Duration.ofSeconds(61));
        SmtpClient up = new SmtpClient(URI.create("smtp://127.0.0.1:" + greenMail.getSmtp().getPort()),
                Duration.ofSeconds(5), Schedulers.boundedElastic(), calls);

        assertThat(send(up, CREDENTIALS)).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(calls.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
