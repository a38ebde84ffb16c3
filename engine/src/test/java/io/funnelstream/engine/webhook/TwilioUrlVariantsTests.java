package io.funnelstream.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TwilioUrlVariantsTests {

    @Test
    void shouldAddOrRemoveOnlyTheSchemesDefaultPort() {
        assertThat(TwilioVerifier.urlVariants("https://h.example/p?q=1"))
                .containsExactly("https://h.example/p?q=1", "https://h.example:443/p?q=1");
        assertThat(TwilioVerifier.urlVariants("https://h.example:443/p"))
                .containsExactly("https://h.example:443/p", "https://h.example/p");
        assertThat(TwilioVerifier.urlVariants("http://h.example"))
                .containsExactly("http://h.example", "http://h.example:80");
        assertThat(TwilioVerifier.urlVariants("https://h.example:8443/p")).containsExactly("https://h.example:8443/p");
        assertThat(TwilioVerifier.urlVariants("https://[2001:db8::1]/p"))
                .containsExactly("https://[2001:db8::1]/p", "https://[2001:db8::1]:443/p");
        assertThat(TwilioVerifier.urlVariants("not a url")).containsExactly("not a url");
    }
}
