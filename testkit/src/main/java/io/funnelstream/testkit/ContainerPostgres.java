package io.funnelstream.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL container for machines without a local server. Kept apart so that Testcontainers' classes load
 * only when a container is really wanted. Trust authentication mirrors the local setup: roles without a
 * password (such as the service's) can log in.
 */
final class ContainerPostgres {

    static final String IMAGE = "postgres:17-alpine";
    static final String SUPERUSER = "postgres";
    static final String PASSWORD = "postgres";

    private ContainerPostgres() {}

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Starts one container for the rest of the JVM's life; Testcontainers' reaper removes it afterwards. */
    @SuppressWarnings("resource")
    static PostgresServer start() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                .withUsername(SUPERUSER)
                .withPassword(PASSWORD)
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "postgres-container-stop"));
        return new PostgresServer(
                container.getHost(), container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), SUPERUSER, PASSWORD);
    }
}
