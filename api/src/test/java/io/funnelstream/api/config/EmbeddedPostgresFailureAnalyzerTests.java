package io.funnelstream.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.funnelstream.infra.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class EmbeddedPostgresFailureAnalyzerTests {

    @Test
    void shouldExplainTakenPortAndHowToChooseAnother(@TempDir Path dataDirectory) throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Throwable failure = catchThrowable(() -> EmbeddedPostgres.start(
                    new EmbeddedPostgres.Settings(dataDirectory, taken.getLocalPort(), Duration.ofSeconds(5))));

            FailureAnalysis analysis = new EmbeddedPostgresFailureAnalyzer()
                    .analyze(new BeanCreationException("embeddedPostgres", "failed", failure));

            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("Port " + taken.getLocalPort(), "already in use");
            assertThat(analysis.getAction()).contains("FS_EMBEDDED_POSTGRES_PORT", "FS_DATA_DIR");
        }
    }
}
