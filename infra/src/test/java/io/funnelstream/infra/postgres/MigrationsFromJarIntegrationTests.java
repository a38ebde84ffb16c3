package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.testkit.PostgresTestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service reads its migrations from inside a jar, the tests from a directory: Liquibase must record the
 * same file names either way, or a packaged service would try to apply everything again.
 */
class MigrationsFromJarIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    @TempDir
    Path temp;

    @Test
    void shouldRecognizeChangesetsAppliedFromADirectoryWhenReadFromAJar() throws Exception {
        Migrations fromDirectory = TestSql.migrations(db);
        fromDirectory.up();

        try (URLClassLoader jar = jarLoader(packMigrations(temp.resolve("migrations.jar")))) {
            assertThat(Objects.requireNonNull(jar.getResource(Migrations.CHANGELOG)).getProtocol()).isEqualTo("jar");
            Migrations fromJar = new Migrations(db.jdbcUrl(), db.superuser(), db.superuserPassword(), jar);
            assertThat(fromJar.status()).isEqualTo(fromDirectory.status()).allMatch(l -> l.startsWith("applied "));

            fromJar.downOne();
            fromJar.up();

            List<String> status = fromDirectory.status();
            assertThat(status).allMatch(line -> line.startsWith("applied "));
            assertThat(status).noneMatch(line -> line.endsWith("(not in changelog)"));
        }
    }

    /** Copies db/migrations from the test class path into a jar of its own. */
    private static Path packMigrations(Path jarFile) throws IOException {
        URL changelog = Objects.requireNonNull(Migrations.class.getClassLoader().getResource(Migrations.CHANGELOG));
        Path root = Path.of(changelog.getPath()).getParent().getParent().getParent();
        try (OutputStream out = Files.newOutputStream(jarFile);
                JarOutputStream jar = new JarOutputStream(out);
                Stream<Path> files = Files.walk(root.resolve("db/migrations"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
        return jarFile;
    }

    /** Sees the jar only, so the directory copy on the class path cannot answer instead. */
    private static URLClassLoader jarLoader(Path jarFile) throws IOException {
        return new URLClassLoader(new URL[] {jarFile.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }
}
