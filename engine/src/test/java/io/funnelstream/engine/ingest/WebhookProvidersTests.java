package io.funnelstream.engine.ingest;

import static io.funnelstream.engine.support.Webhooks.await;
import static io.funnelstream.engine.support.Webhooks.denied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.normalize.Normalized;
import io.funnelstream.engine.normalize.Normalizers;
import io.funnelstream.engine.support.Webhooks;
import io.funnelstream.engine.webhook.InMemoryReplayGuard;
import io.funnelstream.engine.webhook.ProviderCredentials;
import io.funnelstream.engine.webhook.ProviderCredentialsSource;
import io.funnelstream.engine.webhook.Verification.Reason;
import io.funnelstream.engine.webhook.WebhookHeaders;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import io.funnelstream.engine.webhook.WebhookVerifiers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class WebhookProvidersTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WebhookProviders webhooks = WebhookProviders.create(
            WebhookSettings.DEFAULT, clock, new InMemoryReplayGuard(clock, 10), url -> Mono.empty());

    @Test
    void shouldFindEveryWebhookProviderByItsPathSegment() {
        for (String slug : List.of("sendgrid", "mailgun", "ses", "twilio", "meta", "unifonic")) {
            assertThat(webhooks.find(slug)).get()
                    .satisfies(p -> assertThat(p.provider().slug()).isEqualTo(slug))
                    .satisfies(p -> assertThat(p.verifier().provider()).isEqualTo(p.provider()))
                    .satisfies(p -> assertThat(p.normalizer().provider()).isEqualTo(p.provider()));
        }
        assertThat(webhooks.find("smtp")).isEmpty();
        assertThat(webhooks.find("pigeon")).isEmpty();
    }

    @Test
    void shouldDenyProvidersWithoutWebhooksAndWrongMethods() {
        WebhookRequest smtp = Webhooks.post(Provider.SMTP, "https://h/webhooks/smtp/tk", WebhookHeaders.empty(), "", NOW);
        WebhookRequest put = Webhooks.request(Provider.SENDGRID, "PUT", "https://h/webhooks/sendgrid/tk",
                WebhookHeaders.empty(), new byte[0], NOW);

        assertThat(denied(await(webhooks.ingest(smtp, ProviderCredentials.none()))))
                .isEqualTo(Reason.UNSUPPORTED_PROVIDER);
        assertThat(denied(await(webhooks.ingest(put, ProviderCredentials.none())))).isEqualTo(Reason.UNSUPPORTED_METHOD);
    }

    @Test
    void shouldLookCredentialsUpThroughThePort() {
        WebhookRequest request = Webhooks.request(Provider.UNIFONIC, "GET",
                "https://h/webhooks/unifonic/tk?secret=s3&MessageID=1&DLR=Delivered", WebhookHeaders.empty(),
                new byte[0], NOW);
        ProviderCredentialsSource configured = (tenant, provider) ->
                Mono.just(ProviderCredentials.none().withUnifonicSecret("s3"));
        ProviderCredentialsSource none = (tenant, provider) -> Mono.empty();

        assertThat(Webhooks.events(await(webhooks.ingest(request, configured)))).hasSize(1);
        assertThat(denied(await(webhooks.ingest(request, none)))).isEqualTo(Reason.NOT_CONFIGURED);
    }

    @Test
    void shouldGiveEveryRejectionAStableProblemSlugAndStatus() {
        assertThat(Arrays.stream(Reason.values()).map(Reason::problemSlug))
                .contains("webhook-bad-signature", "webhook-stale-timestamp", "webhook-untrusted-certificate")
                .doesNotHaveDuplicates()
                .allMatch(slug -> slug.matches("[a-z-]+"));
        assertThat(Reason.MISSING_SIGNATURE.httpStatus()).isEqualTo(401);
        assertThat(Reason.BAD_SIGNATURE.httpStatus()).isEqualTo(403);
        assertThat(Normalized.Problem.MALFORMED.problemSlug()).isEqualTo("webhook-malformed");
        assertThat(Normalized.Problem.EMPTY_BATCH.httpStatus()).isEqualTo(400);
    }

    @Test
    void shouldRefuseToPairAVerifierAndNormalizerOfDifferentProviders() {
        assertThatThrownBy(() -> new WebhookProvider(Provider.META, WebhookVerifiers.meta(),
                Normalizers.forProvider(Provider.TWILIO, WebhookSettings.DEFAULT).orElseThrow()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(WebhookProviders.of(List.of(webhooks.find(Provider.META).orElseThrow())).find("twilio")).isEmpty();
    }
}
