package io.funnelstream.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * The dashboard's hashed files (here a stand-in in the test resources' static/assets, with its .gz and .br copies)
 * as a browser gets them: the compressed copy it accepts, kept a year without revalidation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardAssetsIntegrationTests {

    private static final String CHUNK = "static/assets/chunk-Dq3x9Kz1.js";
    private static final String URI = "/assets/chunk-Dq3x9Kz1.js";

    @LocalServerPort
    int port;

    /** A client that neither asks for nor decodes compression by itself: the bytes as they travel. */
    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create().compress(false)))
                .baseUrl("http://localhost:" + port)
                .build();
    }

    @Test
    void shouldServeTheBrotliCopyToABrowserThatAcceptsIt() throws IOException {
        EntityExchangeResult<byte[]> result = get("gzip, deflate, br, zstd");

        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).isEqualTo("br");
        assertThat(result.getResponseHeaders().getVary()).contains(HttpHeaders.ACCEPT_ENCODING);
        assertThat(result.getResponseHeaders().getContentType()).hasToString("text/javascript");
        assertThat(result.getResponseBody()).isEqualTo(bytes(CHUNK + ".br"));
    }

    @Test
    void shouldServeTheGzipCopyWhenBrotliIsNotAccepted() throws IOException {
        EntityExchangeResult<byte[]> result = get("gzip");

        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).isEqualTo("gzip");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(result.getResponseBody()))) {
            assertThat(in.readAllBytes()).isEqualTo(bytes(CHUNK));
        }
    }

    @Test
    void shouldServeTheFileAsItIsToAClientThatAcceptsNoEncoding() throws IOException {
        EntityExchangeResult<byte[]> result = get("identity");

        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).isNull();
        assertThat(result.getResponseBody()).isEqualTo(bytes(CHUNK));
    }

    @Test
    void shouldLetBrowsersKeepAHashedFileForAYearWithoutAsking() {
        String cacheControl = get("br").getResponseHeaders().getCacheControl();

        assertThat(cacheControl).contains("max-age=31536000", "public", "immutable").doesNotContain("no-store");
    }

    @Test
    void shouldNotLetBrowsersKeepAMissingFile() {
        client.get().uri("/assets/chunk-0000000.js").exchange()
                .expectStatus().isNotFound()
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, v -> assertThat(v).doesNotContain("immutable"));
    }

    private EntityExchangeResult<byte[]> get(String acceptEncoding) {
        return client.get().uri(URI).header(HttpHeaders.ACCEPT_ENCODING, acceptEncoding).exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult();
    }

    private static byte[] bytes(String path) throws IOException {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        }
    }
}
