package io.funnelstream.infra.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A keyset kept in a file readable by its owner only. The embedded default creates one on first start;
 * production passes the keyset through configuration instead. Called once at start-up (blocking I/O).
 */
public final class KeysetFiles {

    private KeysetFiles() {}

    /** The keyset in {@code file}, created with a fresh key if the file does not exist yet. */
    public static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            String keyset = SecretCipher.generateKeyset();
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".keyset", ".tmp");
            restrict(tmp);
            Files.writeString(tmp, keyset, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            return keyset;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the keyset file " + file, e);
        }
    }

    /** Makes {@code file} readable and writable by its owner only; non-POSIX file systems keep their default. */
    public static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Non-POSIX file systems keep their default permissions.
        }
    }
}
