package io.funnelstream.infra.provider.sns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.funnelstream.testkit.TestCertificates;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The SNS certificate source and subscription confirmer over a real HTTP client, against WireMock: requests for
 * https SNS URLs are sent to WireMock over http by the injected fetcher, as no network is reachable here.
 */
class SnsCertificateSourceIntegrationTests {

    private static final String CERT_PATH = "/SimpleNotificationService-0123456789abcdef.pem";
    private static final URI CERT_URL = URI.create("https://sns.us-east-1.amazonaws.com" + CERT_PATH);
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Generous: the first request of a JVM on a busy machine is slow. */
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private static WireMockServer wireMock;
    private static X509Certificate certificate;

    private SnsCertificateSource source;
    private SnsSubscriptionConfirmer confirmer;

    @BeforeAll
    static void start() {
        wireMock = new WireMockServer(wireMockConfig().dynamicPort());
        wireMock.start();
        Instant now = Instant.now();
        certificate = TestCertificates.selfSigned(TestCertificates.rsaKeyPair(), "sns.amazonaws.com",
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), true);
    }

    @AfterAll
    static void stop() {
        wireMock.stop();
    }

    @BeforeEach
    void fresh() {
        wireMock.resetAll();
        SnsFetcher http = WebClientSnsFetcher.create(FETCH_TIMEOUT, 16 * 1024);
        SnsFetcher toWireMock = url -> http.get(URI.create(wireMock.baseUrl() + url.getRawPath()
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery())));
        source = new SnsCertificateSource(toWireMock, 8, Duration.ofHours(1));
        confirmer = new SnsSubscriptionConfirmer(toWireMock);
    }

    @Test
    void shouldFetchParseAndCacheCertificate() {
        wireMock.stubFor(get(CERT_PATH).willReturn(aResponse().withBody(TestCertificates.pem(certificate))));

        StepVerifier.create(source.certificate(CERT_URL)).expectNext(certificate).expectComplete().verify(WAIT);
        StepVerifier.create(source.certificate(CERT_URL)).expectNext(certificate).expectComplete().verify(WAIT);

        wireMock.verify(1, getRequestedFor(urlEqualTo(CERT_PATH)));
        assertThat(source.size()).isEqualTo(1);
    }

    @Test
    void shouldNeverFetchFromHostsOtherThanSns() {
        URI foreign = URI.create("https://attacker.example.com" + CERT_PATH);
        URI plainHttp = URI.create("http://sns.us-east-1.amazonaws.com" + CERT_PATH);

        StepVerifier.create(source.certificate(foreign)).expectComplete().verify(WAIT);
        StepVerifier.create(source.certificate(plainHttp)).expectComplete().verify(WAIT);

        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldAnswerEmptyForMissingOrUnparseableCertificate() {
        wireMock.stubFor(get(CERT_PATH).willReturn(aResponse().withStatus(404)));
        StepVerifier.create(source.certificate(CERT_URL)).expectComplete().verify(WAIT);

        wireMock.stubFor(get(CERT_PATH).willReturn(aResponse().withBody("not a certificate")));
        StepVerifier.create(source.certificate(CERT_URL)).expectComplete().verify(WAIT);
        assertThat(source.size()).isZero();
    }

    @Test
    void shouldFailWithoutCachingWhenSnsIsDown() {
        wireMock.stubFor(get(CERT_PATH).willReturn(aResponse().withStatus(503)));
        StepVerifier.create(source.certificate(CERT_URL)).expectError().verify(WAIT);

        wireMock.stubFor(get(CERT_PATH).willReturn(aResponse().withBody(TestCertificates.pem(certificate))));
        StepVerifier.create(source.certificate(CERT_URL)).expectNext(certificate).expectComplete().verify(WAIT);
    }

    @Test
    void shouldFailOnSlowOrOversizedAnswers() {
        wireMock.stubFor(get(CERT_PATH).willReturn(aResponse().withFixedDelay(8000).withBody("late")));
        StepVerifier.create(source.certificate(CERT_URL)).expectError().verify(WAIT);

        wireMock.stubFor(get(CERT_PATH).willReturn(aResponse().withBody("x".repeat(64 * 1024))));
        StepVerifier.create(source.certificate(CERT_URL)).expectError().verify(WAIT);
    }

    @Test
    void shouldConfirmSubscriptionByFetchingSubscribeUrl() {
        String path = "/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:123456789012:ses&Token=abc";
        wireMock.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withBody("<ConfirmSubscriptionResponse/>")));

        StepVerifier.create(confirmer.confirm(URI.create("https://sns.us-east-1.amazonaws.com" + path)))
                .expectComplete()
                .verify(WAIT);

        wireMock.verify(1, getRequestedFor(urlEqualTo(path)));
    }

    @Test
    void shouldRefuseToConfirmOutsideSnsOrWhenSnsRefuses() {
        StepVerifier.create(confirmer.confirm(URI.create("https://evil.example.com/?Action=ConfirmSubscription")))
                .expectError(IllegalArgumentException.class)
                .verify(WAIT);
        wireMock.stubFor(get(urlEqualTo("/?Token=gone")).willReturn(aResponse().withStatus(404)));
        StepVerifier.create(confirmer.confirm(URI.create("https://sns.us-east-1.amazonaws.com/?Token=gone")))
                .expectError()
                .verify(WAIT);
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
    }
}
