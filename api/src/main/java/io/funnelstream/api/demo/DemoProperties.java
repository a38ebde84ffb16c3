package io.funnelstream.api.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo simulator ({@code funnelstream.demo.*}), switched on by {@code ./funnelstream run --demo}.
 *
 * @param enabled start the simulator with the service
 * @param apiKeyFile where the demo tenant's admin API key is written (owner-readable only)
 * @param initialMessages messages queued at once at start, so the dashboard has figures within seconds
 * @param messageInterval one new message this often afterwards
 * @param recipientsPerDistribution recipients created for each demo distribution
 */
@ConfigurationProperties("funnelstream.demo")
record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("~/.funnelstream/demo-api-key") String apiKeyFile,
        @DefaultValue("60") int initialMessages,
        @DefaultValue("250ms") Duration messageInterval,
        @DefaultValue("50") int recipientsPerDistribution) {}
