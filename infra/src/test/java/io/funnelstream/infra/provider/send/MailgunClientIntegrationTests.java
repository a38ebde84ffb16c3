package io.funnelstream.infra.provider.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailgunClientIntegrationTests extends ProviderClientContract {

    private static final String KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    private static final String PATH = "/v3/mg.acme.example/messages";

    @Override
    ProviderClient client(URI baseUrl, ResilientCalls calls) {
        return new MailgunClient(WEB, baseUrl, calls);
    }

    @Override
    MappingBuilder sendRequest() {
        return post(urlEqualTo(PATH));
    }

    @Override
    ResponseDefinitionBuilder success() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"<20261125234504.1.ABC@mg.acme.example>\",\"message\":\"Queued. Thank you.\"}");
    }

    @Override
    String expectedProviderId() {
        return "20261125234504.1.ABC@mg.acme.example";
    }

    @Override
    ResponseDefinitionBuilder malformedSuccess() {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>OK</html>");
    }

    @Override
    Map<String, String> credentials() {
        return Map.of(MailgunClient.API_KEY, KEY, MailgunClient.DOMAIN, "mg.acme.example",
                MailgunClient.FROM, "Acme <surveys@mg.acme.example>");
    }

    @Override
    String secret() {
        return KEY;
    }

    @Override
    Provider provider() {
        return Provider.MAILGUN;
    }

    @Test
    void shouldPostFormWithBasicAuthAndOurMessageIdVariable() {
        sendAgainstSuccess();

        String basic = Base64.getEncoder().encodeToString(("api:" + KEY).getBytes());
        wireMock.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("from", equalTo("Acme <surveys@mg.acme.example>"))
                .withFormParam("to", equalTo("ada@example.com"))
                .withFormParam("subject", equalTo("Your opinion"))
                .withFormParam("text", equalTo("Tell us: https://s.example.com/t/abc"))
                .withFormParam("html", equalTo("<p>Tell us</p>"))
                .withFormParam("v:fs_message_id", equalTo(MESSAGE_ID.toString()))
                .withFormParam("v:distribution", equalTo("d-1")));
    }

    @Test
    void shouldReportMailgunErrorsWithoutRetrying() {
        wireMock.stubFor(sendRequest().willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"to parameter is not a valid address. please check documentation\"}")));

        assertThat(send(client(settings()))).isEqualTo(new SendOutcome.Failed("400",
                "to parameter is not a valid address. please check documentation", false, null));
        wireMock.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void shouldReportForbiddenDomainWithPlainTextBody() {
        wireMock.stubFor(sendRequest().willReturn(aResponse().withStatus(401).withBody("Forbidden")));

        assertThat(send(client(settings())))
                .isEqualTo(new SendOutcome.Failed("401", "HTTP 401: Forbidden", false, null));
    }
}
