package io.funnelstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFilesTests {

    @Test
    void shouldGiveThisRunADirectoryOfItsOwnUnderTheTemporaryDirectory() {
        Path dir = TestFiles.directory();

        assertThat(dir).isEqualTo(TestFiles.directory());
        assertThat(System.getProperty(TestFiles.PROPERTY)).isEqualTo(dir.toString());
        assertThat(dir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "funnelstream-tests"));
        assertThat(dir.getFileName().toString()).startsWith("run-");
    }

    @Test
    void shouldDeleteATreeAndToleratePathsThatDoNotExist(@TempDir Path temp) throws Exception {
        Path root = temp.resolve("run");
        Files.createDirectories(root.resolve("pg/base"));
        Files.writeString(root.resolve("keyset.json"), "{}");
        Files.writeString(root.resolve("pg/base/file"), "x");

        TestFiles.deleteTree(root);
        TestFiles.deleteTree(root);

        assertThat(root).doesNotExist();
        assertThat(temp).exists();
    }
}
