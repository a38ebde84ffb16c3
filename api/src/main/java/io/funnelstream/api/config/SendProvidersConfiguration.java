package io.funnelstream.api.config;

import io.funnelstream.api.health.SendProvidersHealthIndicator;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.ProviderClients;
import io.funnelstream.infra.provider.send.HttpCalls;
import io.funnelstream.infra.provider.send.MailgunClient;
import io.funnelstream.infra.provider.send.MetaWhatsAppClient;
import io.funnelstream.infra.provider.send.ProviderResilience;
import io.funnelstream.infra.provider.send.SendGridClient;
import io.funnelstream.infra.provider.send.SesClient;
import io.funnelstream.infra.provider.send.SmtpClient;
import io.funnelstream.infra.provider.send.TwilioClient;
import io.funnelstream.infra.provider.send.UnifonicClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.scheduler.Schedulers;

/**
 * The providers' sending clients, built from {@code funnelstream.providers.*}, each behind its own guards, whose
 * states go to the meter registry ({@code resilience4j_*{name=<provider>}}) and to health ({@code sendProviders}).
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
                properties.resilience(Provider.SES).timeout(),
                resilience.forProvider(Provider.SES, properties.resilience(Provider.SES)));
    }

    /**
     * The built-in client of every provider; a {@link ProviderClient} bean of the application's own replaces the
     * built-in one of its provider (a test's fake, a provider reached another way).
     */
    @Bean
    ProviderClients providerClients(SendProvidersProperties properties, ProviderResilience resilience,
            SesClient ses, ObjectProvider<ProviderClient> own) {
        WebClient web = HttpCalls.webClient(properties.maxConnections(), properties.connectTimeout(),
                properties.defaults().timeout() == null ? properties.connectTimeout() : properties.defaults().timeout());
        List<ProviderClient> clients = List.of(
                new SendGridClient(web, url(properties, Provider.SENDGRID), resilience.forProvider(Provider.SENDGRID,
                        properties.resilience(Provider.SENDGRID))),
                new MailgunClient(web, url(properties, Provider.MAILGUN), resilience.forProvider(Provider.MAILGUN,
                        properties.resilience(Provider.MAILGUN))),
                ses,
                new SmtpClient(url(properties, Provider.SMTP), properties.resilience(Provider.SMTP).timeout(),
                        Schedulers.boundedElastic(), resilience.forProvider(Provider.SMTP,
                                properties.resilience(Provider.SMTP))),
                new TwilioClient(web, url(properties, Provider.TWILIO), resilience.forProvider(Provider.TWILIO,
                        properties.resilience(Provider.TWILIO))),
                new UnifonicClient(web, url(properties, Provider.UNIFONIC), required(
                        properties.unifonic().conversationBaseUrl(), "unifonic.conversation-base-url"),
                        resilience.forProvider(Provider.UNIFONIC, properties.resilience(Provider.UNIFONIC))),
                new MetaWhatsAppClient(web, url(properties, Provider.META), required(
                        properties.meta().apiVersion(), "meta.api-version"),
                        resilience.forProvider(Provider.META, properties.resilience(Provider.META))));
        Map<Provider, ProviderClient> byProvider = new EnumMap<>(Provider.class);
        clients.forEach(client -> byProvider.put(client.provider(), client));
        own.orderedStream().forEach(client -> byProvider.put(client.provider(), client));
        return ProviderClients.of(byProvider.values());
    }

    @Bean
    SendProvidersHealthIndicator sendProvidersHealthIndicator(ProviderResilience resilience) {
        return new SendProvidersHealthIndicator(resilience::circuitStates);
    }

    private static URI url(SendProvidersProperties properties, Provider provider) {
        return required(properties.endpoint(provider).baseUrl(), provider.slug() + ".base-url");
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalStateException("funnelstream.providers." + name + " is not set");
        }
        return value;
    }
}
