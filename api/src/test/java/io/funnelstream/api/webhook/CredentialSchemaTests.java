package io.funnelstream.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.ProviderCredentials;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class CredentialSchemaTests {

    @Test
    void shouldNameSecretsOfEveryProviderWithWebhooksAndNoneForSmtp() {
        for (Provider provider : Provider.values()) {
            assertThat(CredentialSchema.names(provider).isPresent()).as(provider.slug())
                    .isEqualTo(provider != Provider.SMTP);
        }
        assertThat(CredentialSchema.names(Provider.META)).contains(java.util.List.of("appSecret", "verifyToken"));
    }

    @Test
    void shouldMapStoredSecretsToTheProvidersSlotOnly() {
        assertThat(CredentialSchema.credentials(Provider.TWILIO, Map.of("authToken", "t")))
                .isEqualTo(ProviderCredentials.none().withTwilioAuthToken("t"));
        assertThat(CredentialSchema.credentials(Provider.META, Map.of("appSecret", "s", "verifyToken", "v")))
                .isEqualTo(ProviderCredentials.none().withMeta("s", "v"));
        assertThat(CredentialSchema.credentials(Provider.SES, Map.of("topicArns",
                "arn:aws:sns:us-east-1:123456789012:a, arn:aws:sns:eu-west-1:123456789012:b.fifo")).snsTopicArns())
                .isEqualTo(Set.of("arn:aws:sns:us-east-1:123456789012:a", "arn:aws:sns:eu-west-1:123456789012:b.fifo"));
        assertThat(CredentialSchema.credentials(Provider.MAILGUN, Map.of())).isEqualTo(ProviderCredentials.none());
    }

    @Test
    void shouldAcceptWellFormedSecretsAndReportEveryProblemOtherwise() {
        assertThat(CredentialSchema.problems(Provider.UNIFONIC, Map.of("webhookSecret", "s"))).isEmpty();
        assertThat(CredentialSchema.problems(Provider.SES, Map.of("topicArns", "arn:aws:sns:us-east-1:123456789012:t")))
                .isEmpty();
        assertThat(CredentialSchema.problems(Provider.UNIFONIC, Map.of("password", "s", "webhookSecret", " ")))
                .containsExactly("password: not a unifonic secret (expected webhookSecret, appSid, senderId, publicId,"
                        + " secret)", "webhookSecret: required");
        assertThat(CredentialSchema.problems(Provider.TWILIO, Map.of("authToken", "x".repeat(4097))))
                .containsExactly("authToken: longer than 4096 characters");
    }

    @Test
    void shouldTakeTheSendingClientsSecretsBesideTheWebhooksOnes() {
        assertThat(CredentialSchema.problems(Provider.SENDGRID, Map.of("apiKey", "SG.x", "from", "a@example.com")))
                .containsExactly("verificationKey: required");
        assertThat(CredentialSchema.problems(Provider.SMTP, Map.of("from", "a@example.com", "username", "u",
                "password", "p"))).isEmpty();
        assertThat(CredentialSchema.required(Provider.SMTP)).isEmpty();
        assertThat(CredentialSchema.optional(Provider.TWILIO)).contains("accountSid", "from").doesNotContain("authToken");
        assertThat(CredentialSchema.problems(Provider.META, Map.of("appSecret", "s", "verifyToken", "v",
                "accessToken", "x".repeat(4097))))
                .containsExactly("accessToken: longer than 4096 characters");
    }

    @Test
    void shouldKnowWhatEachProviderSends() {
        ProviderRules ses = ProviderRules.of(Provider.SES);
        assertThat(ses.accepts("text/plain; charset=UTF-8")).isTrue();
        assertThat(ses.accepts("Application/JSON")).isTrue();
        assertThat(ses.accepts(null)).isFalse();
        assertThat(ses.allows(HttpMethod.GET)).isFalse();
        assertThat(ProviderRules.of(Provider.UNIFONIC).accepts(null)).isTrue();
        assertThat(ProviderRules.of(Provider.META).allows(HttpMethod.HEAD)).isTrue();
        assertThat(ProviderRules.of(Provider.TWILIO).accepts("multipart/form-data; boundary=x")).isFalse();
    }
}
