package io.funnelstream.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Where this test run keeps the files its application contexts write (signing keysets, tracking keys, the first admin
 * key, embedded clusters): a directory of its own under the system's temporary directory, named by the
 * {@value #PROPERTY} system property that {@code config/application.yml} of the tests resolves, and deleted when the
 * JVM exits. So runs side by side never share a file, and none is left behind.
 */
public final class TestFiles implements LauncherSessionListener {

    public static final String PROPERTY = "funnelstream.test-files";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        directory();
    }

    /** This run's directory: chosen, and its deletion at exit arranged, on first use. */
    public static synchronized Path directory() {
        String set = System.getProperty(PROPERTY);
        if (set != null) {
            return Path.of(set);
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "funnelstream-tests", "run-" + UUID.randomUUID());
        System.setProperty(PROPERTY, dir.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "test-files-cleanup"));
        return dir;
    }

    /** Deletes {@code root} and everything under it; nothing when it does not exist. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
