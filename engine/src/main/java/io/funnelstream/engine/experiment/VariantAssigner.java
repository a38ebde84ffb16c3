package io.funnelstream.engine.experiment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;

/**
 * Deterministic assignment: the same (experiment, recipient) gets the same variant on every instance and after
 * every restart, with no shared state. A point {@code u} in {@code [0, 1)} is taken from the first 53 bits of
 * {@code SHA-256(purpose ":" experiment ":" recipient)}, and the variants own consecutive slices of {@code [0, 1)} as
 * long as their weights, in their order. Two purposes give two independent points: {@code audience} decides
 * whether a recipient is in the test audience, {@code variant} which variant a test recipient gets, so shrinking
 * the test share never moves a recipient between variants.
 */
public final class VariantAssigner {

    private static final double UNIT = 0x1.0p-53;

    private VariantAssigner() {
    }

    /** The variant of {@code recipient} among {@code variants} (weights summing to 1). */
    public static Variant variant(UUID experiment, UUID recipient, List<Variant> variants) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("no variants");
        }
        double u = point("variant", experiment, recipient);
        double total = 0;
        for (Variant v : variants) {
            total += v.weight();
        }
        double edge = 0;
        for (Variant v : variants) {
            edge += v.weight() / total;
            if (u < edge) {
                return v;
            }
        }
        return variants.getLast();
    }

    /** Whether {@code recipient} is in the test audience of the given share. */
    public static boolean inTestAudience(UUID experiment, UUID recipient, double testShare) {
        return testShare >= 1 || point("audience", experiment, recipient) < testShare;
    }

    /** The recipient's point in {@code [0, 1)} for this purpose. */
    static double point(String purpose, UUID experiment, UUID recipient) {
        String input = purpose + ":" + experiment + ":" + recipient;
        byte[] digest = sha256().digest(input.getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(digest).getLong();
        return (bits >>> 11) * UNIT;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
