package io.funnelstream.infra.embedded;

import java.nio.file.Path;
import java.time.Duration;

/** Starts a server and dies without stopping it, as a JVM killed outright would. Run in a child process by tests. */
final class AbandoningOwner {

    private AbandoningOwner() {}

    public static void main(String[] args) {
        EmbeddedPostgres.start(
                new EmbeddedPostgres.Settings(Path.of(args[0]), Integer.parseInt(args[1]), Duration.ofSeconds(60)));
        Runtime.getRuntime().halt(0);
    }
}
