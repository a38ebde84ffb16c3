package io.funnelstream.engine.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelstream.engine.model.Provider;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ProviderClientsTests {

    private static ProviderClient fake(Provider provider) {
        return new ProviderClient() {
            @Override
            public Provider provider() {
                return provider;
            }

            @Override
            public Mono<SendOutcome> send(OutboundMessage message, Map<String, String> credentials) {
                return Mono.just(new SendOutcome.Accepted(provider.slug()));
            }
        };
    }

    @Test
    void shouldFindEachProvidersClient() {
        ProviderClient twilio = fake(Provider.TWILIO);
        ProviderClients clients = ProviderClients.of(fake(Provider.SENDGRID), twilio);

        assertThat(clients.forProvider(Provider.TWILIO)).containsSame(twilio);
        assertThat(clients.get(Provider.TWILIO)).isSameAs(twilio);
        assertThat(clients.forProvider(Provider.META)).isEmpty();
        assertThat(clients.providers()).containsExactly(Provider.SENDGRID, Provider.TWILIO);
    }

    @Test
    void shouldRefuseUnconfiguredProviderAndTwoClientsForOne() {
        ProviderClients clients = ProviderClients.of(fake(Provider.SES));

        assertThatThrownBy(() -> clients.get(Provider.SMTP)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("smtp");
        assertThatThrownBy(() -> ProviderClients.of(fake(Provider.SES), fake(Provider.SES)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
