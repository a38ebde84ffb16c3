package io.funnelstream.api.config;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Live analytics streams ({@code funnelstream.stream.*}).
 *
 * @param coalesce at most one update per scope this often
 * @param grace how long a scope's hub outlives its last subscriber
 * @param ringSize updates kept per scope for {@code Last-Event-ID} resumes
 * @param heartbeat how often an idle stream gets a comment
 * @param stallLimit a client that reads nothing for this long while updates wait is disconnected
 * @param retry what {@code retry:} tells EventSource to wait before reconnecting
 * @param revocationCheck how often an open stream checks that its API key is still live
 * @param ranges trailing ranges of every event, {@code <name>:<m|h|d>:<buckets>}
 * @param feedBuffer notices buffered per feed subscriber before the oldest are dropped
 * @param redisChannel the pub/sub channel of the production feed
 * @param tokens stream token settings
 */
@ConfigurationProperties("funnelstream.stream")
public record StreamProperties(
        Duration coalesce,
        Duration grace,
        int ringSize,
        Duration heartbeat,
        Duration stallLimit,
        Duration retry,
        Duration revocationCheck,
        List<String> ranges,
        int feedBuffer,
        String redisChannel,
        Tokens tokens) {

    /**
     * @param lifetime how long a token may be used to connect
     * @param keys signing keys, {@code <kid>:<base64 secret of >= 32 bytes>}; empty: one generated at start (tokens
     *     then die with the process and are not shared between instances)
     * @param primary the key id that signs new tokens; the first key when not set
     */
    public record Tokens(Duration lifetime, List<String> keys, @Nullable String primary) {

        /** Never shows the secrets. */
        @Override
        public String toString() {
            return "Tokens[lifetime=" + lifetime + ", keys=" + keys.size() + ", primary=" + primary + "]";
        }
    }
}
