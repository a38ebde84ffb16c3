package io.funnelstream.infra.provider.send;

import static io.funnelstream.infra.provider.send.Failures.secrets;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.OutboundMessage;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.SendOutcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * SMTP for self-hosting, through Jakarta Mail (Angus) on a bounded scheduler, as the protocol client blocks. The
 * server is configuration ({@code smtp://host:port} with STARTTLS when offered, {@code smtps://host:port} with TLS
 * from the start); the tenant gives the login. Each message gets the {@code Message-ID}
 * {@code <our message id@sender's domain>} and the header {@code X-Funnelstream-Message-Id}; the provider id is the
 * Message-ID without its angle brackets. Replies 4xx are retryable, 5xx are not.
 *
 * <p>Credentials: {@code from} (the sender address), and {@code username} and {@code password} when the server
 * wants a login.
 */
public final class SmtpClient implements ProviderClient {

    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String FROM = "from";
    static final String MESSAGE_ID_HEADER = "X-Funnelstream-Message-Id";

    private final URI server;
    private final Duration timeout;
    private final Scheduler scheduler;
    private final ResilientCalls calls;

    /**
     * @param server {@code smtp://host:port} or {@code smtps://host:port}
     * @param timeout the mail client's connect, read and write timeouts
     * @param scheduler where the blocking calls run (a bounded elastic scheduler)
     */
    public SmtpClient(URI server, Duration timeout, Scheduler scheduler, ResilientCalls calls) {
        String scheme = String.valueOf(server.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps") || server.getHost() == null) {
            throw new IllegalArgumentException("the SMTP server is smtp://host:port or smtps://host:port");
        }
        this.server = server;
        this.timeout = timeout;
        this.scheduler = scheduler;
        this.calls = calls;
    }

    @Override
    public Provider provider() {
        return Provider.SMTP;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message, Map<String, String> credentials) {
        return Failures.missing(credentials, FROM).map(Mono::just).orElseGet(() -> calls.call(
                secrets(credentials, PASSWORD), () -> Mono.fromCallable(() -> deliver(message, credentials))
                        .subscribeOn(scheduler)
                        .onErrorResume(SmtpClient::failure)
                        .flatMap(HttpCalls::signal)));
    }

    private SendOutcome deliver(OutboundMessage message, Map<String, String> credentials) throws MessagingException {
        String protocol = server.getScheme().toLowerCase(Locale.ROOT);
        Session session = Session.getInstance(properties(protocol, credentials.get(USERNAME) != null));
        InternetAddress from = new InternetAddress(credentials.get(FROM), true);
        String domain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
        String messageId = message.messageId() + "@" + domain;
        MimeMessage mime = new FixedIdMessage(session, "<" + messageId + ">");
        mime.setFrom(from);
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
        mime.setSubject(message.subject() == null ? "" : message.subject(), StandardCharsets.UTF_8.name());
        mime.setHeader(MESSAGE_ID_HEADER, message.messageId().toString());
        if (message.html() == null) {
            mime.setText(message.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
            mime.setContent(new MimeMultipart("alternative", text, html));
        }
        mime.saveChanges();
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(server.getHost(), port(protocol), credentials.get(USERNAME), credentials.get(PASSWORD));
            transport.sendMessage(mime, mime.getAllRecipients());
        }
        return new SendOutcome.Accepted(messageId);
    }

    private Properties properties(String protocol, boolean auth) {
        String timeoutMillis = Long.toString(timeout.toMillis());
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.setProperty(prefix + "auth", Boolean.toString(auth));
        p.setProperty(prefix + "connectiontimeout", timeoutMillis);
        p.setProperty(prefix + "timeout", timeoutMillis);
        p.setProperty(prefix + "writetimeout", timeoutMillis);
        if (protocol.equals("smtp")) {
            p.setProperty(prefix + "starttls.enable", "true");
        }
        return p;
    }

    private int port(String protocol) {
        return server.getPort() > 0 ? server.getPort() : protocol.equals("smtps") ? 465 : 587;
    }

    /** Refusals by their SMTP reply code; failing to reach the server is retryable. */
    static Mono<SendOutcome> failure(Throwable error) {
        if (error instanceof AuthenticationFailedException e) {
            return Mono.just(new SendOutcome.Failed("auth-failed", "the SMTP server refused the login"
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().strip()), false, null));
        }
        if (error instanceof AddressException e) {
            return Mono.just(new SendOutcome.Failed("invalid-address", String.valueOf(e.getMessage()), false, null));
        }
        if (error instanceof MessagingException e) {
            MessagingException reply = reply(e);
            if (reply != null) {
                int code = replyCode(reply);
                return HttpCalls.signal(new SendOutcome.Failed(Integer.toString(code),
                        String.valueOf(reply.getMessage()).strip(), code >= 400 && code < 500, null));
            }
            if (e.getCause() instanceof IOException || e.getNextException() instanceof IOException) {
                return Mono.error(new RetryableFailure(Failures.connection(e)));
            }
        }
        return Mono.error(error);
    }

    /** The first exception in the chain that carries the server's reply code. */
    private static @Nullable MessagingException reply(MessagingException error) {
        for (Exception e = error; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            if (e instanceof MessagingException m && replyCode(m) > 0) {
                return m;
            }
        }
        return null;
    }

    private static int replyCode(MessagingException e) {
        return switch (e) {
            case SMTPSendFailedException s -> s.getReturnCode();
            case SMTPAddressFailedException a -> a.getReturnCode();
            case SMTPSenderFailedException s -> s.getReturnCode();
            default -> -1;
        };
    }

    /** A message whose Message-ID is ours rather than one Jakarta Mail makes up. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
