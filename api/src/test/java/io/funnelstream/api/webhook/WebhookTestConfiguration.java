package io.funnelstream.api.webhook;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.funnelstream.infra.embedded.PostgresEventLog;
import io.funnelstream.infra.provider.sns.SnsFetcher;
import io.funnelstream.infra.provider.sns.WebClientSnsFetcher;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What the webhook integration tests change in the application: a clock they set, an event log they can break, and
 * SNS reached over http at a WireMock server (no network here) through the real WebClient fetcher.
 */
@TestConfiguration(proxyBeanMethods = false)
class WebhookTestConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    @Primary
    SwitchableEventLog switchableEventLog(PostgresEventLog real) {
        return new SwitchableEventLog(real);
    }

    @Bean(destroyMethod = "stop")
    WireMockServer snsWireMock() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    /** Every https SNS URL goes to WireMock over http, same path and query. */
    @Bean
    @Primary
    SnsFetcher wireMockSnsFetcher(WireMockServer snsWireMock) {
        SnsFetcher http = WebClientSnsFetcher.create(Duration.ofSeconds(5), 64 * 1024);
        return url -> http.get(URI.create(snsWireMock.baseUrl() + url.getRawPath()
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery())));
    }
}
