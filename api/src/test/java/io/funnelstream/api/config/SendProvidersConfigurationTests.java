package io.funnelstream.api.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.funnelstream.api.health.SendProvidersHealthIndicator;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.send.OutboundMessage;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.ProviderClients;
import io.funnelstream.engine.send.SendOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;
import reactor.test.StepVerifier;

/** The sending clients built from the shipped application.yml, with one base URL pointed at WireMock. */
class SendProvidersConfigurationTests {

    private WireMockServer wireMock;

    @BeforeEach
    void start() {
        wireMock = new WireMockServer(wireMockConfig().dynamicPort());
        wireMock.start();
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withInitializer(context -> {
                    try {
                        context.getEnvironment().getPropertySources().addLast(new YamlPropertySourceLoader()
                                .load("application.yml", new ClassPathResource("application.yml")).getFirst());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .withPropertyValues("funnelstream.providers.sendgrid.base-url=" + wireMock.baseUrl())
                .withBean(Clock.class, Clock::systemUTC)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withUserConfiguration(SendProvidersConfiguration.class);
    }

    /** What the sending worker's registry will hold: every ProviderClient bean. */
    private static ProviderClients clients(ApplicationContext context) {
        return new ProviderClients(context.getBeansOfType(ProviderClient.class).values());
    }

    @Test
    void shouldBuildEveryProviderWithItsOwnRateOverTheDefaults() {
        runner().run(context -> {
            assertThat(clients(context).providers()).containsExactlyInAnyOrder(Provider.values());
            SendProvidersProperties properties = context.getBean(SendProvidersProperties.class);
            assertThat(properties.resilience(Provider.SES).ratePerPeriod()).isEqualTo(14);
            assertThat(properties.resilience(Provider.SES).timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.resilience(Provider.SMTP).maxConcurrent()).isEqualTo(20);
            assertThat(properties.resilience(Provider.META).maxConcurrent()).isEqualTo(200);
        });
    }

    @Test
    void shouldSendThroughConfiguredBaseUrlAndPublishGuardStates() {
        wireMock.stubFor(post(urlEqualTo("/v3/mail/send"))
                .willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "abc123")));
        runner().run(context -> {
            OutboundMessage message = new OutboundMessage(new TenantId(UUID.randomUUID()), UUID.randomUUID(),
                    Channel.EMAIL, Provider.SENDGRID, "ada@example.com", "Hi", "Hello", null, "k", null, Map.of());

            StepVerifier.create(clients(context).get(Provider.SENDGRID)
                            .send(message, Map.of("apiKey", "SG.x", "from", "a@acme.example")))
                    .expectNext(new SendOutcome.Accepted("abc123"))
                    .expectComplete()
                    .verify(Duration.ofSeconds(30));

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "sendgrid").gauges())
                    .isNotEmpty();
            assertThat(meters.find("resilience4j.ratelimiter.available.permissions").tag("name", "meta").gauges())
                    .isNotEmpty();
            assertThat(context.getBean(SendProvidersHealthIndicator.class).health().getDetails())
                    .containsEntry("sendgrid", "CLOSED")
                    .containsEntry("smtp", "CLOSED");
        });
    }
}
