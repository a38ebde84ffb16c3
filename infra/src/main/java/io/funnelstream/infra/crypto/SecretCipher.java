package io.funnelstream.infra.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Seals and opens secrets with AES-256-GCM from a Tink keyset. The keyset's primary key encrypts; every key
 * in it decrypts, so rotating (adding a new primary) never strands data sealed under an older key. The
 * associated data binds a ciphertext to where it belongs (e.g. tenant and provider), so a ciphertext copied
 * to another row does not open.
 */
public final class SecretCipher {

    private static final String TEMPLATE = "AES256_GCM";

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Aead aead;

    private SecretCipher(KeysetHandle keyset) throws GeneralSecurityException {
        this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    /** A cipher over a keyset in Tink's JSON format. */
    public static SecretCipher fromKeyset(String keysetJson) {
        Objects.requireNonNull(keysetJson, "keysetJson");
        try {
            return new SecretCipher(TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable AES-256-GCM keyset", e);
        }
    }

    /** A new keyset with one AES-256-GCM key, in Tink's JSON format. */
    public static String generateKeyset() {
        try {
            KeysetHandle handle = KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.generateEntryFromParametersName(TEMPLATE).withRandomId().makePrimary())
                    .build();
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a keyset", e);
        }
    }

    /** The keyset with a new primary key added; older keys stay to open what they sealed. */
    public static String rotate(String keysetJson) {
        try {
            KeysetHandle old = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
            KeysetHandle rotated = KeysetHandle.newBuilder(old)
                    .addEntry(KeysetHandle.generateEntryFromParametersName(TEMPLATE).withRandomId().makePrimary())
                    .build();
            return TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot rotate this keyset", e);
        }
    }

    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        try {
            return aead.encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Opens a sealed secret; fails if it was tampered with, sealed elsewhere, or under an unknown key. */
    public byte[] open(byte[] ciphertext, byte[] associatedData) {
        try {
            return aead.decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadableException(e);
        }
    }

    /** A sealed secret that does not open under this keyset. */
    public static final class SecretUnreadableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SecretUnreadableException(Throwable cause) {
            super("a stored secret cannot be decrypted with the configured keyset", cause);
        }
    }
}
