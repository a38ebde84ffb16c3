package io.funnelstream.api.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs test requests the way each provider does, from the providers' documentation. */
final class Signatures {

    private Signatures() {}

    static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SendGrid's verification key as shown in its settings: base64 DER of the public key. */
    static String sendGridVerificationKey(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** ECDSA P-256 / SHA-256 over timestamp + raw body, base64 DER. */
    static String sendGrid(KeyPair keys, String timestamp, byte[] body) {
        return Base64.getEncoder().encodeToString(sign("SHA256withECDSA", keys.getPrivate(),
                concat(timestamp.getBytes(StandardCharsets.UTF_8), body)));
    }

    /** Hex HMAC-SHA256 of timestamp + token. */
    static String mailgun(String signingKey, String timestamp, String token) {
        return HexFormat.of().formatHex(hmac("HmacSHA256", signingKey,
                (timestamp + token).getBytes(StandardCharsets.UTF_8)));
    }

    /** Base64 HMAC-SHA1 of the URL followed by each form field's name and value, sorted. */
    static String twilio(String authToken, String url, String form) {
        List<String[]> fields = new ArrayList<>();
        for (String pair : form.isEmpty() ? new String[0] : form.split("&")) {
            int eq = pair.indexOf('=');
            fields.add(new String[] {decode(eq < 0 ? pair : pair.substring(0, eq)),
                decode(eq < 0 ? "" : pair.substring(eq + 1))});
        }
        fields.sort(Comparator.<String[], String>comparing(f -> f[0]).thenComparing(f -> f[1]));
        StringBuilder data = new StringBuilder(url);
        fields.forEach(f -> data.append(f[0]).append(f[1]));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken,
                data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the raw body. */
    static String meta(String appSecret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", appSecret, body));
    }

    /** SNS: RSA over "Key\nvalue\n" of the signed keys in order; SHA1 for version 1, SHA256 for 2. */
    static String sns(PrivateKey key, String version, Map<String, String> signed) {
        StringBuilder canonical = new StringBuilder();
        signed.forEach((name, value) -> canonical.append(name).append('\n').append(value).append('\n'));
        String algorithm = version.equals("1") ? "SHA1withRSA" : "SHA256withRSA";
        return Base64.getEncoder().encodeToString(
                sign(algorithm, key, canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sign(String algorithm, PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
