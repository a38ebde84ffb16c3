package io.funnelstream.engine.send;

import io.funnelstream.engine.model.Provider;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The provider clients present, by provider: at most one each. */
public final class ProviderClients {

    private final Map<Provider, ProviderClient> clients = new EnumMap<>(Provider.class);

    public ProviderClients(Collection<? extends ProviderClient> clients) {
        for (ProviderClient client : clients) {
            if (this.clients.putIfAbsent(client.provider(), client) != null) {
                throw new IllegalArgumentException("two clients for " + client.provider());
            }
        }
    }

    public Optional<ProviderClient> forProvider(Provider provider) {
        return Optional.ofNullable(clients.get(provider));
    }
}
