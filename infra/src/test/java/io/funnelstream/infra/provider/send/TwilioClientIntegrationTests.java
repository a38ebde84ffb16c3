package io.funnelstream.infra.provider.send;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioClientIntegrationTests extends ProviderClientContract {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "f1e2d3c4b5a6978800112233445566ff";
    private static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";

    @Override
    ProviderClient client(URI baseUrl, ResilientCalls calls) {
        return new TwilioClient(WEB, baseUrl, calls);
    }

    @Override
    MappingBuilder sendRequest() {
        return post(urlEqualTo(PATH));
    }

    @Override
    ResponseDefinitionBuilder success() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM1f0e8ae6ade43cb3c0ce4525424e404f\",\"status\":\"queued\"}");
    }

    @Override
    String expectedProviderId() {
        return "SM1f0e8ae6ade43cb3c0ce4525424e404f";
    }

    @Override
    ResponseDefinitionBuilder malformedSuccess() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"sid\":");
    }

    @Override
    Map<String, String> credentials() {
        return Map.of(TwilioClient.ACCOUNT_SID, SID, TwilioClient.AUTH_TOKEN, TOKEN,
                TwilioClient.FROM, "+15005550006", TwilioClient.WHATSAPP_FROM, "+14155238886");
    }

    @Override
    String secret() {
        return TOKEN;
    }

    @Override
    Provider provider() {
        return Provider.TWILIO;
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes());
    }

    @Test
    void shouldSendSmsWithStatusCallback() {
        sendAgainstSuccess();

        wireMock.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo(basic()))
                .withFormParam("To", equalTo("+966501234567"))
                .withFormParam("From", equalTo("+15005550006"))
                .withFormParam("Body", equalTo("Tell us: https://s.example.com/t/abc"))
                .withFormParam("StatusCallback", equalTo("https://hooks.example.com/webhooks/twilio/tk")));
    }

    @Test
    void shouldSendWhatsAppWithPrefixedNumbers() {
        wireMock.stubFor(sendRequest().willReturn(success()));
        OutboundMessage m = message();
        OutboundMessage whatsapp = new OutboundMessage(m.tenant(), m.messageId(), Channel.WHATSAPP, m.provider(),
                m.to(), null, m.text(), null, m.idempotencyKey(), m.statusCallbackUrl(), m.metadata());

        assertThat(send(client(settings()), whatsapp)).isEqualTo(new SendOutcome.Accepted(expectedProviderId()));

        wireMock.verify(postRequestedFor(urlEqualTo(PATH))
                .withFormParam("To", equalTo("whatsapp:+966501234567"))
                .withFormParam("From", equalTo("whatsapp:+14155238886"))
                .withFormParam("StatusCallback", equalTo("https://hooks.example.com/webhooks/twilio/tk")));
    }

    @Test
    void shouldPreferMessagingService() {
        wireMock.stubFor(sendRequest().willReturn(success()));
        Map<String, String> credentials = Map.of(TwilioClient.ACCOUNT_SID, SID, TwilioClient.AUTH_TOKEN, TOKEN,
                TwilioClient.MESSAGING_SERVICE_SID, "MG9752274e9e519418a7406176694466fa");

        send(client(settings()), message(), credentials);

        wireMock.verify(postRequestedFor(urlEqualTo(PATH))
                .withFormParam("MessagingServiceSid", equalTo("MG9752274e9e519418a7406176694466fa"))
                .withFormParam("From", absent()));
    }

    @Test
    void shouldReportTwilioErrorCodeWithoutRetrying() {
        wireMock.stubFor(sendRequest().willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"code": 21211, "message": "The 'To' number +966501234567 is not a valid phone number.",
                         "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}
                        """)));

        assertThat(send(client(settings()))).isEqualTo(new SendOutcome.Failed("21211",
                "The 'To' number +966501234567 is not a valid phone number.", false, null));
        wireMock.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void shouldKeepTwilioCodeOfTooManyRequests() {
        wireMock.stubFor(sendRequest().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "300")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}")));

        assertThat(send(client(settings()))).isEqualTo(
                new SendOutcome.Failed("20429", "Too Many Requests", true, Duration.ofSeconds(300)));
    }
}
