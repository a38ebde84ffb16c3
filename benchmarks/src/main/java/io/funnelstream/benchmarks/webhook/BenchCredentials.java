package io.funnelstream.benchmarks.webhook;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;

/**
 * What the load generator needs to sign as the providers do, and what the setup stored for the tenant: the tenant's
 * webhook key, the SendGrid key pair (the tenant holds the public half) and the Twilio auth token. Kept in a
 * properties file readable by its owner only; {@link #toString()} shows no secret.
 *
 * @param tenantKey the tenant's webhook key, the last segment of {@code /webhooks/{provider}/{tenantKey}}
 * @param sendGridPrivateKey signs SendGrid batches
 * @param sendGridVerificationKey base64 DER SubjectPublicKeyInfo of the public half, as the tenant configures it
 * @param twilioAuthToken signs Twilio callbacks
 */
record BenchCredentials(
        String tenantKey, PrivateKey sendGridPrivateKey, String sendGridVerificationKey, String twilioAuthToken) {

    /** Fresh keys for a tenant not created yet. */
    static BenchCredentials generate(String tenantKey) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] token = new byte[16];
            new SecureRandom().nextBytes(token);
            return new BenchCredentials(tenantKey, pair.getPrivate(),
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), HexFormat.of().formatHex(token));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks EC P-256", e);
        }
    }

    BenchCredentials withTenantKey(String key) {
        return new BenchCredentials(key, sendGridPrivateKey, sendGridVerificationKey, twilioAuthToken);
    }

    void write(Path file) {
        Properties props = new Properties();
        props.setProperty("tenantKey", tenantKey);
        props.setProperty("sendgrid.privateKey", Base64.getEncoder().encodeToString(sendGridPrivateKey.getEncoded()));
        props.setProperty("sendgrid.verificationKey", sendGridVerificationKey);
        props.setProperty("twilio.authToken", twilioAuthToken);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".credentials", ".tmp");
            restrict(tmp);
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                props.store(out, "Webhook benchmark tenant: test secrets, not for real providers");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static BenchCredentials read(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(required(props, "sendgrid.privateKey"))));
            return new BenchCredentials(required(props, "tenantKey"), key,
                    required(props, "sendgrid.verificationKey"), required(props, "twilio.authToken"));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " holds no usable SendGrid private key", e);
        }
    }

    private static String required(Properties props, String name) {
        String value = props.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("credentials file lacks " + name);
        }
        return value;
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Non-POSIX file systems keep their default permissions.
        }
    }

    @Override
    public String toString() {
        return "BenchCredentials[tenantKey=" + tenantKey + ", secrets hidden]";
    }
}
