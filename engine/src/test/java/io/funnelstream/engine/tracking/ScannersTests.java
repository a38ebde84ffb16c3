package io.funnelstream.engine.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScannersTests {

    @Test
    void shouldRecogniseKnownScannersPrefetchersAndHeadlessBrowsers() {
        assertThat(Scanners.detect("Mozilla/5.0 (compatible; Barracuda Sentinel)", null)).hasValue("barracuda");
        assertThat(Scanners.detect("Mimecast Link Scanner", null)).hasValue("mimecast");
        assertThat(Scanners.detect("Proofpoint URL Defense", null)).hasValue("proofpoint");
        assertThat(Scanners.detect("Mozilla/5.0 (Windows NT 10.0) BingPreview/1.0b", null)).hasValue("bingpreview");
        assertThat(Scanners.detect("Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via "
                + "ggpht.com GoogleImageProxy)", null)).hasValue("googleimageproxy");
        assertThat(Scanners.detect("Mozilla/5.0 (X11) HeadlessChrome/131.0.0.0 Safari/537.36", null))
                .hasValue("headlesschrome");
        assertThat(Scanners.detect("curl/8.5.0", null)).hasValue("curl");
        assertThat(Scanners.detect("", null)).hasValue("no-user-agent");
        assertThat(Scanners.detect(null, null)).hasValue("no-user-agent");
        assertThat(Scanners.detect("Mozilla/5.0 Chrome/131.0 Safari/537.36", "prefetch;prerender"))
                .hasValue("prefetch");
    }

    @Test
    void shouldLeavePeoplesBrowsersAlone() {
        assertThat(Scanners.detect("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36", null)).isEmpty();
        assertThat(Scanners.detect("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", null)).isEmpty();
    }
}
