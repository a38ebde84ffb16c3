package io.funnelstream.engine.send;

import io.funnelstream.engine.model.Provider;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sending clients there are, one per provider; the sending worker looks a message's provider up here. */
public final class ProviderClients {

    private final Map<Provider, ProviderClient> clients;

    private ProviderClients(Map<Provider, ProviderClient> clients) {
        this.clients = clients;
    }

    /** A registry of these clients; two clients for one provider are a mistake. */
    public static ProviderClients of(Collection<? extends ProviderClient> clients) {
        Map<Provider, ProviderClient> byProvider = new EnumMap<>(Provider.class);
        for (ProviderClient client : clients) {
            if (byProvider.putIfAbsent(client.provider(), client) != null) {
                throw new IllegalArgumentException("two clients for " + client.provider());
            }
        }
        return new ProviderClients(byProvider);
    }

    public static ProviderClients of(ProviderClient... clients) {
        return of(List.of(clients));
    }

    /** The provider's client, or empty when none is configured. */
    public Optional<ProviderClient> find(Provider provider) {
        return Optional.ofNullable(clients.get(provider));
    }

    /** The provider's client; an unconfigured provider is a configuration error. */
    public ProviderClient get(Provider provider) {
        ProviderClient client = clients.get(provider);
        if (client == null) {
            throw new IllegalStateException("no sending client for " + provider.slug());
        }
        return client;
    }

    /** The providers with a client. */
    public List<Provider> providers() {
        return List.copyOf(clients.keySet());
    }
}
