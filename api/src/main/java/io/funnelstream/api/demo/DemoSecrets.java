package io.funnelstream.api.demo;

import io.funnelstream.engine.model.Provider;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The demo tenant's provider secrets: the tenant stores the verifying half, the simulator signs with the other, as
 * SendGrid, Mailgun, Twilio and Meta do.
 */
record DemoSecrets(KeyPair sendGrid, String mailgunSigningKey, String twilioAuthToken, String metaAppSecret) {

    static DemoSecrets generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new DemoSecrets(generator.generateKeyPair(), random(), random(), random());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks EC P-256", e);
        }
    }

    /** What the tenant stores per provider, under the names of PUT /api/admin/providers/{provider}/credentials. */
    Map<Provider, Map<String, String>> stored() {
        return Map.of(
                Provider.SENDGRID, Map.of("verificationKey",
                        Base64.getEncoder().encodeToString(sendGrid.getPublic().getEncoded())),
                Provider.MAILGUN, Map.of("signingKey", mailgunSigningKey),
                Provider.TWILIO, Map.of("authToken", twilioAuthToken),
                Provider.META, Map.of("appSecret", metaAppSecret, "verifyToken", random()));
    }

    private static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "DemoSecrets[hidden]";
    }
}
