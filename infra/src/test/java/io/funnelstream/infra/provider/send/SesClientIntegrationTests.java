package io.funnelstream.infra.provider.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

class SesClientIntegrationTests extends ProviderClientContract {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String PATH = "/v2/email/outbound-emails";
    private static final String SES_ID = "010201938b5f3c2e-5c0f4a5e-1b2c-4d3e-9f8a-7b6c5d4e3f2a-000000";

    /** One HTTP client for the class: each one's event loops take seconds to shut down. */
    private static final SdkAsyncHttpClient HTTP = NettyNioAsyncHttpClient.builder().maxConcurrency(8).build();

    private final List<SesClient> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(SesClient::close);
    }

    @AfterAll
    static void closeHttp() {
        HTTP.close();
    }

    @Override
    ProviderClient client(URI baseUrl, ResilientCalls calls) {
        SesClient client = new SesClient(HTTP, baseUrl, Duration.ofSeconds(20), calls);
        opened.add(client);
        return client;
    }

    @Override
    MappingBuilder sendRequest() {
        return post(urlEqualTo(PATH));
    }

    @Override
    ResponseDefinitionBuilder success() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"MessageId\":\"" + SES_ID + "\"}");
    }

    @Override
    String expectedProviderId() {
        return SES_ID;
    }

    @Override
    ResponseDefinitionBuilder malformedSuccess() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}");
    }

    @Override
    Map<String, String> credentials() {
        return Map.of(SesClient.ACCESS_KEY_ID, "AKIAIOSFODNN7EXAMPLE", SesClient.SECRET_ACCESS_KEY, SECRET,
                SesClient.REGION, "eu-west-1", SesClient.FROM, "surveys@acme.example",
                SesClient.CONFIGURATION_SET, "funnelstream");
    }

    @Override
    String secret() {
        return SECRET;
    }

    @Override
    Provider provider() {
        return Provider.SES;
    }

    @Test
    void shouldSignWithTenantKeysAndTagOurMessageId() {
        sendAgainstSuccess();

        wireMock.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", matching(
                        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/\\d{8}/eu-west-1/ses/aws4_request, .*"))
                .withRequestBody(equalToJson("""
                        {"FromEmailAddress": "surveys@acme.example",
                         "Destination": {"ToAddresses": ["ada@example.com"]},
                         "Content": {"Simple": {"Subject": {"Data": "Your opinion", "Charset": "UTF-8"},
                           "Body": {"Text": {"Data": "Tell us: https://s.example.com/t/abc", "Charset": "UTF-8"},
                                    "Html": {"Data": "<p>Tell us</p>", "Charset": "UTF-8"}}}},
                         "EmailTags": [{"Name": "fs_message_id", "Value": "%s"}],
                         "ConfigurationSetName": "funnelstream"}
                        """.formatted(MESSAGE_ID), true, true)));
    }

    @Test
    void shouldReportSesRejectionWithoutRetrying() {
        wireMock.stubFor(sendRequest().willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/")
                .withBody("{\"message\":\"Email address is not verified. The following identities failed the check"
                        + " in region EU-WEST-1: surveys@acme.example\"}")));

        assertThat(send(client(settings()))).isEqualTo(new SendOutcome.Failed("MessageRejected",
                "Email address is not verified. The following identities failed the check in region EU-WEST-1:"
                        + " surveys@acme.example", false, null));
        wireMock.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void shouldRefuseRegionThatIsNoRegion() {
        Map<String, String> credentials = new HashMap<>(credentials());
        credentials.put(SesClient.REGION, "../../etc");

        assertThat(send(client(settings()), message(), credentials)).isInstanceOfSatisfying(
                SendOutcome.Failed.class, f -> assertThat(f.code()).isEqualTo(Failures.CREDENTIALS));
    }
}
