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
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.OutboundMessage;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.SendOutcome;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnifonicClientIntegrationTests extends ProviderClientContract {

    private static final String APP_SID = "unifonic-app-sid-0123456789";
    private static final String SECRET = "unifonic-conversation-secret-0123";
    private static final String SMS_PATH = "/rest/SMS/messages";

    @Override
    ProviderClient client(URI baseUrl, ResilientCalls calls) {
        return new UnifonicClient(WEB, baseUrl, baseUrl, calls);
    }

    @Override
    MappingBuilder sendRequest() {
        return post(urlEqualTo(SMS_PATH));
    }

    @Override
    ResponseDefinitionBuilder success() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"success": true, "message": "", "errorCode": "ER-00",
                 "data": {"MessageID": 41573625, "CorrelationID": "%s", "Status": "Queued", "NumberOfUnits": 1,
                 "Cost": 0.4, "Balance": "61.97", "Recipient": "966501234567", "TimeCreated": "2026-11-25 23:50:01",
                 "CurrencyCode": "SAR"}}
                """.formatted(MESSAGE_ID));
    }

    @Override
    String expectedProviderId() {
        return "41573625";
    }

    @Override
    ResponseDefinitionBuilder malformedSuccess() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"success\": true, \"data\": {}}");
    }

    @Override
    Map<String, String> credentials() {
        return Map.of(UnifonicClient.APP_SID, APP_SID, UnifonicClient.SENDER_ID, "ACME",
                UnifonicClient.PUBLIC_ID, "pub-123", UnifonicClient.SECRET, SECRET);
    }

    @Override
    String secret() {
        return APP_SID;
    }

    @Override
    Provider provider() {
        return Provider.UNIFONIC;
    }

    private OutboundMessage whatsapp() {
        OutboundMessage m = message();
        return new OutboundMessage(m.tenant(), m.messageId(), Channel.WHATSAPP, m.provider(), m.to(), null,
                m.text(), null, m.idempotencyKey(), m.statusCallbackUrl(), m.metadata());
    }

    @Test
    void shouldSendSmsFormWithCorrelationId() {
        sendAgainstSuccess();

        wireMock.verify(postRequestedFor(urlEqualTo(SMS_PATH))
                .withFormParam("AppSid", equalTo(APP_SID))
                .withFormParam("SenderID", equalTo("ACME"))
                .withFormParam("Recipient", equalTo("966501234567"))
                .withFormParam("Body", equalTo("Tell us: https://s.example.com/t/abc"))
                .withFormParam("CorrelationID", equalTo(MESSAGE_ID.toString()))
                .withFormParam("responseType", equalTo("JSON")));
    }

    @Test
    void shouldReportUnifonicErrorCodeEvenUnderHttp200() {
        wireMock.stubFor(sendRequest().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\": false, \"message\": \"Invalid sender ID\", \"errorCode\": \"ER-09\","
                        + " \"data\": null}")));

        assertThat(send(client(settings())))
                .isEqualTo(new SendOutcome.Failed("ER-09", "Invalid sender ID", false, null));
        wireMock.verify(1, postRequestedFor(urlEqualTo(SMS_PATH)));
    }

    @Test
    void shouldReportUnifonicErrorBodyUnderHttp401() {
        wireMock.stubFor(sendRequest().willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\": false, \"message\": \"Wrong AppSid\", \"errorCode\": \"ER-01\"}")));

        assertThat(send(client(settings()))).isEqualTo(new SendOutcome.Failed("ER-01", "Wrong AppSid", false, null));
    }

    @Test
    void shouldSendWhatsAppThroughConversationApi() {
        wireMock.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messageId\": \"f3c1a6a0-98c2-4d7e-8f9b-1f0e2d3c4b5a\", \"status\": \"queued\"}")));

        assertThat(send(client(settings()), whatsapp()))
                .isEqualTo(new SendOutcome.Accepted("f3c1a6a0-98c2-4d7e-8f9b-1f0e2d3c4b5a"));
        wireMock.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("PublicId", equalTo("pub-123"))
                .withHeader("Secret", equalTo(SECRET))
                .withRequestBody(equalToJson("""
                        {"recipient": {"contact": "+966501234567", "channel": "whatsapp"},
                         "content": {"type": "text", "text": "Tell us: https://s.example.com/t/abc"}}
                        """)));
    }

    @Test
    void shouldReportConversationApiErrors() {
        wireMock.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"invalid_recipient\", \"message\": \"recipient.contact is invalid\"}")));

        assertThat(send(client(settings()), whatsapp())).isEqualTo(
                new SendOutcome.Failed("invalid_recipient", "recipient.contact is invalid", false, null));
    }
}
