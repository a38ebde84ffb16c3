package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTests {

    @Test
    void shouldGenerateWellFormedDistinctKeys() {
        SecureRandom random = new SecureRandom();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String key = ApiKeys.generate(random);
            assertThat(key).hasSize(47).startsWith("fsk_");
            assertThat(ApiKeys.isWellFormed(key)).isTrue();
            keys.add(key);
        }
        assertThat(keys).hasSize(100);
    }

    @Test
    void shouldRefuseTextThatCannotBeAKey() {
        String key = ApiKeys.generate(new SecureRandom());

        assertThat(ApiKeys.isWellFormed(key + "x")).isFalse();
        assertThat(ApiKeys.isWellFormed(key.substring(1))).isFalse();
        assertThat(ApiKeys.isWellFormed("fsk_" + "+".repeat(43))).isFalse();
        assertThat(ApiKeys.isWellFormed("")).isFalse();
    }

    @Test
    void shouldShowTheSchemeAndEightRandomCharacters() {
        assertThat(ApiKeys.displayPrefix("fsk_abcdefghXYZ")).isEqualTo("fsk_abcdefgh");
    }

    @Test
    void shouldHashWithSha256() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertThat(HexFormat.of().formatHex(ApiKeys.hash("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
