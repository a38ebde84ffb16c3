package io.funnelstream.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.infra.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** A test context that says nothing about the embedded server stays clear of the developer's own. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TestDefaultsIntegrationTests {

    @Autowired
    EmbeddedPostgres server;

    @Test
    void shouldRunEmbeddedServerInTemporaryDirectoryOnFreePort() {
        assertThat(server.port()).isNotEqualTo(54329);
        assertThat(server.dataDirectory()).startsWith(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(server.dataDirectory().toString()).doesNotContain(".funnelstream");
    }
}
