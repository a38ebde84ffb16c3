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

class MetaWhatsAppClientIntegrationTests extends ProviderClientContract {

    private static final String TOKEN = "EAAGm0PX4ZCpsBAtesttoken0123456789";
    private static final String PATH = "/v23.0/106540352242922/messages";
    private static final String WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA";

    @Override
    ProviderClient client(URI baseUrl, ResilientCalls calls) {
        return new MetaWhatsAppClient(WEB, baseUrl, "v23.0", calls);
    }

    @Override
    MappingBuilder sendRequest() {
        return post(urlEqualTo(PATH));
    }

    @Override
    ResponseDefinitionBuilder success() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"messaging_product": "whatsapp",
                 "contacts": [{"input": "+966501234567", "wa_id": "966501234567"}],
                 "messages": [{"id": "%s"}]}
                """.formatted(WAMID));
    }

    @Override
    String expectedProviderId() {
        return WAMID;
    }

    @Override
    ResponseDefinitionBuilder malformedSuccess() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\": \"whatsapp\", \"messages\": []}");
    }

    @Override
    Map<String, String> credentials() {
        return Map.of(MetaWhatsAppClient.ACCESS_TOKEN, TOKEN, MetaWhatsAppClient.PHONE_NUMBER_ID, "106540352242922");
    }

    @Override
    String secret() {
        return TOKEN;
    }

    @Override
    Provider provider() {
        return Provider.META;
    }

    @Test
    void shouldSendTextWithOurMessageIdAsCallbackData() {
        sendAgainstSuccess();

        wireMock.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("""
                        {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "+966501234567",
                         "type": "text", "text": {"preview_url": true, "body": "Tell us: https://s.example.com/t/abc"},
                         "biz_opaque_callback_data": "%s"}
                        """.formatted(MESSAGE_ID))));
    }

    @Test
    void shouldReportGraphErrorWithoutRetrying() {
        wireMock.stubFor(sendRequest().willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": {"message": "(#131030) Recipient phone number not in allowed list",
                         "type": "OAuthException", "code": 131030, "error_data": {"messaging_product": "whatsapp",
                         "details": "Recipient phone number not in allowed list"},
                         "fbtrace_id": "Az8or2yhqkZfEZ-_4Qn_Bam"}}
                        """)));

        assertThat(send(client(settings()))).isEqualTo(new SendOutcome.Failed("131030",
                "(#131030) Recipient phone number not in allowed list", false, null));
        wireMock.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void shouldRetryMetaThrottlingAnsweredAsBadRequest() {
        wireMock.stubFor(sendRequest().inScenario("throttle").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"(#130429) Rate limit hit\","
                                + " \"type\": \"OAuthException\", \"code\": 130429, \"fbtrace_id\": \"A1\"}}"))
                .willSetStateTo("ok"));
        wireMock.stubFor(sendRequest().inScenario("throttle").whenScenarioStateIs("ok").willReturn(success()));

        assertThat(send(client(settings()))).isEqualTo(new SendOutcome.Accepted(WAMID));
        wireMock.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }
}
