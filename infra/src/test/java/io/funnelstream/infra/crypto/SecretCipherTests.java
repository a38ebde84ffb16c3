package io.funnelstream.infra.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTests {

    private static final byte[] SECRET = "sk_live_abc".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "tenant-a/sendgrid".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldOpenWhatItSealedAndNeverStoreTheClearText() {
        SecretCipher cipher = SecretCipher.fromKeyset(SecretCipher.generateKeyset());

        byte[] sealed = cipher.seal(SECRET, AAD);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("sk_live_abc");
        assertThat(cipher.open(sealed, AAD)).isEqualTo(SECRET);
        assertThat(cipher.seal(SECRET, AAD)).isNotEqualTo(sealed);
    }

    @Test
    void shouldRefuseATamperedCiphertextOrOtherAssociatedData() {
        SecretCipher cipher = SecretCipher.fromKeyset(SecretCipher.generateKeyset());
        byte[] sealed = cipher.seal(SECRET, AAD);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.open(tampered, AAD)).isInstanceOf(SecretCipher.SecretUnreadableException.class);
        assertThatThrownBy(() -> cipher.open(sealed, "tenant-b/sendgrid".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SecretCipher.SecretUnreadableException.class);
    }

    @Test
    void shouldOpenOldSecretsAfterRotationAndSealNewOnesWithTheNewKey() {
        String original = SecretCipher.generateKeyset();
        byte[] sealedBefore = SecretCipher.fromKeyset(original).seal(SECRET, AAD);

        String rotated = SecretCipher.rotate(original);
        SecretCipher afterRotation = SecretCipher.fromKeyset(rotated);
        byte[] sealedAfter = afterRotation.seal(SECRET, AAD);

        assertThat(afterRotation.open(sealedBefore, AAD)).isEqualTo(SECRET);
        assertThatThrownBy(() -> SecretCipher.fromKeyset(original).open(sealedAfter, AAD))
                .isInstanceOf(SecretCipher.SecretUnreadableException.class);
    }

    @Test
    void shouldNotOpenUnderAnUnrelatedKeyset() {
        byte[] sealed = SecretCipher.fromKeyset(SecretCipher.generateKeyset()).seal(SECRET, AAD);

        assertThatThrownBy(() -> SecretCipher.fromKeyset(SecretCipher.generateKeyset()).open(sealed, AAD))
                .isInstanceOf(SecretCipher.SecretUnreadableException.class);
    }

    @Test
    void shouldCreateTheKeysetFileOnceAndOwnerReadableOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/keyset.json");

        String first = KeysetFiles.loadOrCreate(file);
        String second = KeysetFiles.loadOrCreate(file);

        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretCipher.fromKeyset(first).open(SecretCipher.fromKeyset(second).seal(SECRET, AAD), AAD))
                .isEqualTo(SECRET);
    }
}
