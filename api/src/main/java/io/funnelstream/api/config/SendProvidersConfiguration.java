package io.funnelstream.api.config;

import io.funnelstream.api.health.SendProvidersHealthIndicator;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.ProviderClients;
import io.funnelstream.infra.provider.send.HttpCalls;
import io.funnelstream.infra.provider.send.MailgunClient;
import io.funnelstream.infra.provider.send.MetaWhatsAppClient;
import io.funnelstream.infra.provider.send.ProviderResilience;
import io.funnelstream.infra.provider.send.ResilientCalls;
import io.funnelstream.infra.provider.send.SendGridClient;
import io.funnelstream.infra.provider.send.SesClient;
import io.funnelstream.infra.provider.send.SmtpClient;
import io.funnelstream.infra.provider.send.TwilioClient;
import io.funnelstream.infra.provider.send.UnifonicClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.scheduler.Schedulers;

/**
 * The providers' sending clients, one {@code ProviderClient} bean each (the sending worker's registry collects
 * them), built from {@code funnelstream.providers.*}, each behind its own guards, whose states go to the meter
 * registry ({@code resilience4j_*{name=<provider>}}) and to health ({@code sendProviders}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SendProvidersProperties.class)
public class SendProvidersConfiguration {

    @Bean
    ProviderResilience providerResilience(ObjectProvider<MeterRegistry> meters, Clock clock) {
        return new ProviderResilience(meters.getIfAvailable(), clock);
    }

    @Bean(destroyMethod = "close")
    SesClient sesClient(SendProvidersProperties properties, ProviderResilience resilience) {
        return new SesClient(properties.ses().baseUrl(), properties.maxConnections(),
                properties.resilience(Provider.SES).timeout(), guards(properties, resilience, Provider.SES));
    }

    /** One pooled HTTP client for the HTTP providers. */
    @Bean
    ProviderHttp providerHttp(SendProvidersProperties properties) {
        // The time limiters end attempts; the response timeout is a safety net above the longest of them.
        Duration longest = Arrays.stream(Provider.values()).map(p -> properties.resilience(p).timeout())
                .max(Comparator.naturalOrder()).orElseThrow();
        return new ProviderHttp(HttpCalls.webClient(properties.maxConnections(), properties.connectTimeout(),
                longest.plusSeconds(1)));
    }

    @Bean
    SendGridClient sendGridClient(ProviderHttp http, SendProvidersProperties properties,
            ProviderResilience resilience) {
        return new SendGridClient(http.web(), url(properties, Provider.SENDGRID), guards(properties, resilience,
                Provider.SENDGRID));
    }

    @Bean
    MailgunClient mailgunClient(ProviderHttp http, SendProvidersProperties properties, ProviderResilience resilience) {
        return new MailgunClient(http.web(), url(properties, Provider.MAILGUN), guards(properties, resilience,
                Provider.MAILGUN));
    }

    @Bean
    SmtpClient smtpClient(SendProvidersProperties properties, ProviderResilience resilience) {
        return new SmtpClient(url(properties, Provider.SMTP), properties.resilience(Provider.SMTP).timeout(),
                Schedulers.boundedElastic(), guards(properties, resilience, Provider.SMTP));
    }

    @Bean
    TwilioClient twilioClient(ProviderHttp http, SendProvidersProperties properties, ProviderResilience resilience) {
        return new TwilioClient(http.web(), url(properties, Provider.TWILIO), guards(properties, resilience,
                Provider.TWILIO));
    }

    @Bean
    UnifonicClient unifonicClient(ProviderHttp http, SendProvidersProperties properties,
            ProviderResilience resilience) {
        return new UnifonicClient(http.web(), url(properties, Provider.UNIFONIC),
                required(properties.unifonic().conversationBaseUrl(), "unifonic.conversation-base-url"),
                guards(properties, resilience, Provider.UNIFONIC));
    }

    @Bean
    MetaWhatsAppClient metaWhatsAppClient(ProviderHttp http, SendProvidersProperties properties,
            ProviderResilience resilience) {
        return new MetaWhatsAppClient(http.web(), url(properties, Provider.META),
                required(properties.meta().apiVersion(), "meta.api-version"),
                guards(properties, resilience, Provider.META));
    }

    /**
     * Every {@link ProviderClient} bean, one per provider: a client of the application's own (a test's fake, a
     * provider reached another way) replaces the built-in one of its provider.
     */
    @Bean
    ProviderClients providerClients(ObjectProvider<ProviderClient> clients) {
        Map<Provider, ProviderClient> byProvider = new EnumMap<>(Provider.class);
        clients.orderedStream()
                .sorted(Comparator.comparing((ProviderClient client) -> !builtIn(client)))
                .forEach(client -> byProvider.put(client.provider(), client));
        return new ProviderClients(byProvider.values());
    }

    private static boolean builtIn(ProviderClient client) {
        return client.getClass().getPackageName().equals(SendGridClient.class.getPackageName());
    }

    @Bean
    SendProvidersHealthIndicator sendProvidersHealthIndicator(ProviderResilience resilience) {
        return new SendProvidersHealthIndicator(resilience::circuitStates);
    }

    private static ResilientCalls guards(SendProvidersProperties properties, ProviderResilience resilience,
            Provider provider) {
        return resilience.forProvider(provider, properties.resilience(provider));
    }

    private static URI url(SendProvidersProperties properties, Provider provider) {
        return required(properties.endpoint(provider).baseUrl(), provider.slug() + ".base-url");
    }

    /** The sending WebClient, as a bean of its own type so that nothing else injects it by accident. */
    record ProviderHttp(WebClient web) {}

    private static <T> T required(@Nullable T value, String name) {
        if (value == null) {
            throw new IllegalStateException("funnelstream.providers." + name + " is not set");
        }
        return value;
    }
}
