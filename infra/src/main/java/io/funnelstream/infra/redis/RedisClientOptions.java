package io.funnelstream.infra.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;

/**
 * The Lettuce options every Redis client of the service uses: commands time out after {@code commandTimeout}, and
 * a command is sent at most once.
 *
 * <p>By default Lettuce keeps the commands issued while it is disconnected, and those in flight when the connection
 * dropped, and sends them again once it has reconnected. Redis may have restarted empty meanwhile: a rollup window
 * sent again then reached the empty Redis before the pipeline had noticed and rebuilt it, the store looked current
 * and the counts before that window were lost (seen in {@code RedisPipelineIntegrationTests}). So, while
 * disconnected, commands fail at once, and nothing is sent again after a reconnect: a failed command is handled as
 * Redis being down, as it must be anyway (the rollup pipeline keeps its windows in the outbox for the sweep, which
 * rebuilds a Redis that came back empty before it applies them).
 */
public final class RedisClientOptions {

    private RedisClientOptions() {}

    public static ClientOptions atMostOnce(Duration commandTimeout) {
        return ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                // Lettuce 7 asks for maintenance notifications on connect, which Redis before 8 refuses (logged).
                .maintNotificationsConfig(MaintNotificationsConfig.disabled())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .replayFilter(command -> true)
                .build();
    }
}
