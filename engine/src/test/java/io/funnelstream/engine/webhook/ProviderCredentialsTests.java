package io.funnelstream.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderCredentialsTests {

    @Test
    void shouldNeverPrintSecrets() {
        ProviderCredentials credentials = ProviderCredentials.none().withTwilioAuthToken("super-secret-token")
                .withMeta("app-secret", "verify-token");

        assertThat(credentials.toString()).doesNotContain("super-secret-token", "app-secret", "verify-token")
                .contains("twilio=set", "mailgun=unset");
    }

    @Test
    void shouldKeepEachSecretInItsOwnSlot() {
        ProviderCredentials credentials = ProviderCredentials.none()
                .withSendGridVerificationKey("sg")
                .withMailgunSigningKey("mg")
                .withTwilioAuthToken("tw")
                .withMeta("app", "verify")
                .withUnifonicSecret("uf")
                .withSnsTopicArns(Set.of("arn:topic"));

        assertThat(credentials).isEqualTo(new ProviderCredentials("sg", "mg", "tw", "app", "verify", "uf",
                Set.of("arn:topic")));
        assertThat(ProviderCredentials.none().snsTopicArns()).isEmpty();
    }
}
