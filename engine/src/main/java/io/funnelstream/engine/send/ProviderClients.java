package io.funnelstream.engine.send;

import io.funnelstream.engine.model.Provider;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The provider clients present, by provider: at most one each; the sending worker looks a message's client up here. */
public final class ProviderClients {

    private final Map<Provider, ProviderClient> clients = new EnumMap<>(Provider.class);

    /** A registry of these clients; two clients for one provider are a mistake. */
    public ProviderClients(Collection<? extends ProviderClient> clients) {
        for (ProviderClient client : clients) {
            if (this.clients.putIfAbsent(client.provider(), client) != null) {
                throw new IllegalArgumentException("two clients for " + client.provider());
            }
        }
    }

    public static ProviderClients of(ProviderClient... clients) {
        return new ProviderClients(List.of(clients));
    }

    /** The provider's client, or empty when none is configured. */
    public Optional<ProviderClient> forProvider(Provider provider) {
        return Optional.ofNullable(clients.get(provider));
    }

    /** The provider's client; an unconfigured provider is a configuration error. */
    public ProviderClient get(Provider provider) {
        return forProvider(provider)
                .orElseThrow(() -> new IllegalStateException("no sending client for " + provider.slug()));
    }

    /** The providers with a client. */
    public List<Provider> providers() {
        return List.copyOf(clients.keySet());
    }
}
