package io.funnelstream.benchmarks.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generator's arguments: loopback targets only, every run bounded, nonsense refused before anything is sent. */
class LoadOptionsTests {

    @ParameterizedTest
    @ValueSource(strings = {
        "http://10.0.0.7:8080/webhooks/twilio/k", "http://192.168.1.20/webhooks/twilio/k",
        "http://8.8.8.8/webhooks/twilio/k", "http://example.com/webhooks/twilio/k",
        "http://hooks.funnelstream.io/webhooks/twilio/k", "http://[2001:db8::1]:8080/webhooks/twilio/k",
        "http://0.0.0.0:8080/webhooks/twilio/k"
    })
    void shouldRefuseTargetsOffLoopback(String url) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LoadOptions.parse(new String[] {"url=" + url, "provider=twilio"}))
                .withMessageContaining("not on loopback");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1:8443/webhooks/twilio/k", "ftp://127.0.0.1/x", "http://127.0.0.1:8080"})
    void shouldRefuseOtherSchemesAndMissingPaths(String url) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LoadOptions.parse(new String[] {"url=" + url, "provider=twilio"}));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1:8080/bench/noop", "http://localhost:8080/bench/noop", "http://[::1]:8080/bench/noop",
        "http://127.0.0.2:8080/bench/noop"
    })
    void shouldAcceptLoopbackTargets(String url) {
        LoadOptions options = LoadOptions.parse(new String[] {"url=" + url, "provider=twilio"});

        assertThat(options.url().port()).isEqualTo(8080);
        assertThat(options.url().pathAndQuery()).isEqualTo("/bench/noop");
    }

    @Test
    void shouldRefuseASignUrlOffLoopbackToo() {
        assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse(new String[] {
            "url=http://127.0.0.1:8080/webhooks/twilio/k", "provider=twilio", "signUrl=http://10.0.0.1/x"}));
    }

    @Test
    void shouldDefaultToABoundedClosedLoop() {
        LoadOptions options = LoadOptions.parse(new String[] {
            "url=http://127.0.0.1:8080/webhooks/sendgrid/k?x=1", "provider=sendgrid"});

        assertThat(options.openLoop()).isFalse();
        assertThat(options.users()).isEqualTo(16);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.batch()).isEqualTo(500);
        assertThat(options.pool()).isEqualTo(4_000 + 100);
        assertThat(options.signUrl()).isEqualTo("http://127.0.0.1:8080/webhooks/sendgrid/k?x=1");
        assertThat(options.url().pathAndQuery()).isEqualTo("/webhooks/sendgrid/k?x=1");
        assertThat(options.maxUnsuccessful()).isEqualTo(0.001);
    }

    @Test
    void shouldSizeAnOpenLoopPoolForRateTimesDuration() {
        LoadOptions options = LoadOptions.parse(new String[] {
            "url=http://127.0.0.1:8080/webhooks/twilio/k", "provider=twilio", "mode=open", "rate=5000",
            "duration=20s", "warmup=1000"});

        assertThat(options.pool()).isEqualTo(5000 * 20 + 1000);
        assertThat(options.connections()).isEqualTo(64);
        assertThat(options.maxInFlight()).isEqualTo(256);
    }

    @Test
    void shouldRefuseAnOpenLoopWithoutRateAndSendGridRunsThatOutliveTheirSignatures() {
        assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse(new String[] {
            "url=http://127.0.0.1:8080/x", "provider=twilio", "mode=open"})).withMessageContaining("rate=");
        assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse(new String[] {
            "url=http://127.0.0.1:8080/x", "provider=sendgrid", "duration=10m"})).withMessageContaining("5 minutes");
    }

    @Test
    void shouldRefuseUnknownArgumentsAndProviders() {
        assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse(new String[] {
            "url=http://127.0.0.1:8080/x", "provider=twilio", "thraeds=4"})).withMessageContaining("thraeds");
        assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse(new String[] {
            "url=http://127.0.0.1:8080/x", "provider=mailchimp"}));
        assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse(new String[] {"provider=twilio"}))
                .withMessageContaining("url=");
    }

    @Test
    void shouldReadDurationsWithOrWithoutUnit() {
        assertThat(Arguments.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Arguments.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Arguments.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Arguments.duration("45")).isEqualTo(Duration.ofSeconds(45));
    }
}
