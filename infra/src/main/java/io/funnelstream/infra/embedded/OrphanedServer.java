package io.funnelstream.infra.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server still running on a data directory whose owner is gone (the JVM was killed outright, so nothing
 * stopped the server). The owner holds a file lock on {@code epg-lock} while it lives; the operating system drops it
 * when the owner dies. With the lock free, {@code postmaster.pid} names the process and the data directory; if both
 * match a live {@code postgres} process, it is asked to shut down (SIGTERM, a smart shutdown) and awaited. A server
 * whose owner is alive is never touched.
 */
final class OrphanedServer {

    private static final Logger log = LoggerFactory.getLogger(OrphanedServer.class);
    /** The lock file the zonky launcher holds for as long as its server runs. */
    private static final String OWNER_LOCK = "epg-lock";

    private OrphanedServer() {}

    static void stopIfRunning(Path dataDirectory, Duration timeout) {
        Optional<ProcessHandle> orphan = find(dataDirectory);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle process = orphan.get();
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier run", process.pid(), dataDirectory);
        process.destroy();
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the orphaned PostgreSQL", e);
        } catch (Exception e) {
            throw new EmbeddedPostgresException(
                    "PostgreSQL (pid " + process.pid() + ") left running on " + dataDirectory + " did not stop within "
                            + timeout + ".",
                    "Stop process " + process.pid() + " and start again.",
                    e);
        }
    }

    static Optional<ProcessHandle> find(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile) || ownerAlive(dataDirectory)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 2 || !Path.of(lines.get(1).trim()).equals(dataDirectory)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(OrphanedServer::isPostgres);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean ownerAlive(Path dataDirectory) {
        try (FileChannel channel = FileChannel.open(
                dataDirectory.resolve(OWNER_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException | IOException e) {
            // Held within this JVM, or unreadable: either way not provably orphaned, so leave it alone.
            return true;
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(false);
    }
}
