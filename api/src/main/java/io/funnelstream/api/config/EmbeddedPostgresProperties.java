package io.funnelstream.api.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL of the default mode ({@code funnelstream.embedded.postgres.*}).
 *
 * @param dataDir the cluster's data directory; a leading {@code ~} stands for the user's home
 * @param port the fixed port the server listens on (localhost only); 0 picks a free one (tests only)
 * @param database the database the service uses, created on first start
 * @param startupTimeout how long to wait for the server to accept connections
 * @param ephemeral initialise a fresh cluster on every start and delete it on shutdown (tests only)
 */
@ConfigurationProperties("funnelstream.embedded.postgres")
public record EmbeddedPostgresProperties(
        String dataDir, int port, String database, Duration startupTimeout, boolean ephemeral) {

    /** The data directory with {@code ~} expanded. */
    public Path dataDirectory() {
        return HomePaths.expand(dataDir);
    }
}
