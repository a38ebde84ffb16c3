package io.funnelstream.api.distribution;

import io.funnelstream.api.distribution.DistributionRequests.ProviderBody;
import io.funnelstream.api.error.Problems;
import io.funnelstream.api.security.CurrentCaller;
import io.funnelstream.engine.distribution.DistributionStore;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * An admin's choice of provider per channel. The provider's credentials are set through
 * {@code /api/admin/providers/{provider}/credentials}.
 */
@RestController
@Tag(name = "Channel providers", description = "Which provider sends each channel of the tenant")
@SecurityRequirement(name = "apiKey")
class ChannelProvidersController {

    private final DistributionStore store;

    ChannelProvidersController(DistributionStore store) {
        this.store = store;
    }

    record ChannelView(String channel, @Nullable String provider, List<String> choices) {}

    @GetMapping("/api/admin/channels")
    @Operation(summary = "Each channel's provider, if chosen, and the providers that carry it")
    Mono<List<ChannelView>> list() {
        return CurrentCaller.tenant().flatMap(store::providers).map(chosen -> Arrays.stream(Channel.values())
                .map(c -> view(c, chosen.get(c)))
                .toList());
    }

    @PutMapping("/api/admin/channels/{channel}/provider")
    @Operation(summary = "Choose the provider of a channel")
    Mono<ChannelView> choose(@PathVariable String channel, @RequestBody ProviderBody body) {
        Channel c = Channel.fromSlug(channel).orElseThrow(() -> Problems.notFound("unknown-channel",
                "There is no channel called that (email, sms or whatsapp)."));
        Provider p = body.provider() == null ? null : Provider.fromSlug(body.provider()).orElse(null);
        if (p == null || !p.carries(c)) {
            return Mono.error(Problems.badRequest("invalid-channel-provider", "provider must be one of "
                    + view(c, null).choices() + " for " + c.slug() + "."));
        }
        return CurrentCaller.tenant().flatMap(t -> store.chooseProvider(t, c, p)).thenReturn(view(c, p));
    }

    private static ChannelView view(Channel channel, @Nullable Provider provider) {
        return new ChannelView(channel.slug(), provider == null ? null : provider.slug(),
                Arrays.stream(Provider.values()).filter(p -> p.carries(channel)).map(Provider::slug).toList());
    }
}
