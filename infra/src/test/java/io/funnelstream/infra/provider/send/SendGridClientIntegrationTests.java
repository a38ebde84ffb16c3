package io.funnelstream.infra.provider.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.SendOutcome;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendGridClientIntegrationTests extends ProviderClientContract {

    private static final String KEY = "SG.test-key.0123456789abcdef";

    @Override
    ProviderClient client(URI baseUrl, ResilientCalls calls) {
        return new SendGridClient(WEB, baseUrl, calls);
    }

    @Override
    MappingBuilder sendRequest() {
        return post(urlEqualTo("/v3/mail/send"));
    }

    @Override
    ResponseDefinitionBuilder success() {
        return aResponse().withStatus(202).withHeader("X-Message-Id", "W86EgYT6SQKk0lRflfLRsA");
    }

    @Override
    String expectedProviderId() {
        return "W86EgYT6SQKk0lRflfLRsA";
    }

    @Override
    ResponseDefinitionBuilder malformedSuccess() {
        return aResponse().withStatus(202);
    }

    @Override
    Map<String, String> credentials() {
        return Map.of(SendGridClient.API_KEY, KEY, SendGridClient.FROM, "surveys@acme.example",
                SendGridClient.FROM_NAME, "Acme");
    }

    @Override
    String secret() {
        return KEY;
    }

    @Override
    Provider provider() {
        return Provider.SENDGRID;
    }

    @Test
    void shouldSendBearerKeyAndCustomArgsWithOurMessageId() {
        sendAgainstSuccess();

        wireMock.verify(postRequestedFor(urlEqualTo("/v3/mail/send"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withRequestBody(equalToJson("""
                        {"personalizations": [{"to": [{"email": "ada@example.com"}]}],
                         "from": {"email": "surveys@acme.example", "name": "Acme"},
                         "subject": "Your opinion",
                         "content": [{"type": "text/plain", "value": "Tell us: https://s.example.com/t/abc"},
                                     {"type": "text/html", "value": "<p>Tell us</p>"}],
                         "custom_args": {"fs_message_id": "%s", "distribution": "d-1"}}
                        """.formatted(MESSAGE_ID))));
    }

    @Test
    void shouldReportSendGridErrorsWithoutRetrying() {
        wireMock.stubFor(sendRequest().willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"errors":[{"message":"The from address does not match a verified Sender Identity.",
                        "field":"from",
                        "help":"https://sendgrid.com/docs/for-developers/sending-email/sender-identity/"}]}
                        """)));

        SendOutcome outcome = send(client(settings()));

        assertThat(outcome).isEqualTo(new SendOutcome.Failed("403",
                "from: The from address does not match a verified Sender Identity.", false, null));
        wireMock.verify(1, postRequestedFor(urlEqualTo("/v3/mail/send")));
    }

    @Test
    void shouldFailWithoutCallingWhenApiKeyIsMissing() {
        SendOutcome outcome = send(client(settings()), message(), Map.of(SendGridClient.FROM, "a@b.example"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> {
            assertThat(f.code()).isEqualTo(Failures.CREDENTIALS);
            assertThat(f.retryable()).isFalse();
        });
        wireMock.verify(0, postRequestedFor(urlEqualTo("/v3/mail/send")));
    }
}
