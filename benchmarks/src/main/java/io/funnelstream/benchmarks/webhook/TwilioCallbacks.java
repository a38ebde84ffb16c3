package io.funnelstream.benchmarks.webhook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio SMS and WhatsApp status callbacks, one event each, form-encoded as Twilio posts them, with
 * {@code X-Twilio-Signature} = base64 HMAC-SHA1 under the auth token of the URL followed by every parameter's name
 * and value sorted by name. Every callback has its own MessageSid.
 */
final class TwilioCallbacks implements Payloads {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final Comparator<String[]> BY_NAME_THEN_VALUE =
            Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]);
    private static final String ACCOUNT_SID = "AC1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f";
    private static final String SERVICE_SID = "MGc4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4";

    private final String authToken;
    private final String signedUrl;
    private final UniqueIds ids;

    /**
     * @param authToken the tenant's Twilio auth token
     * @param signedUrl the URL exactly as the service sees it (its public base URL, path and query)
     * @param ids this run's id source
     */
    TwilioCallbacks(String authToken, String signedUrl, UniqueIds ids) {
        this.authToken = authToken;
        this.signedUrl = signedUrl;
        this.ids = ids;
    }

    @Override
    public int eventsPerRequest() {
        return 1;
    }

    @Override
    public SignedRequest build(long index) {
        SplittableRandom random = new SplittableRandom(index * 0x9E3779B97F4A7C15L + 31);
        boolean whatsApp = random.nextInt(5) == 0;
        String status = status(random.nextInt(100), whatsApp);
        String sid = (whatsApp ? "MM" : "SM") + ids.hex(index);
        String prefix = whatsApp ? "whatsapp:" : "";
        List<String[]> params = new ArrayList<>(List.of(
                new String[] {"AccountSid", ACCOUNT_SID},
                new String[] {"ApiVersion", "2010-04-01"},
                new String[] {"From", prefix + "+15017122661"},
                new String[] {"To", prefix + "+1555" + String.format("%07d", random.nextInt(10_000_000))},
                new String[] {"MessageSid", sid},
                new String[] {"SmsSid", sid},
                new String[] {"SmsStatus", status},
                new String[] {"MessageStatus", status},
                new String[] {"MessagingServiceSid", SERVICE_SID}));
        if (whatsApp) {
            params.add(new String[] {"ChannelPrefix", "whatsapp"});
        }
        if (status.equals("undelivered") || status.equals("failed")) {
            params.add(new String[] {"ErrorCode", random.nextBoolean() ? "30003" : "30005"});
        }
        byte[] body = encode(params).getBytes(StandardCharsets.US_ASCII);
        return new SignedRequest(body, Map.of(
                "Content-Type", "application/x-www-form-urlencoded",
                SIGNATURE_HEADER, sign(params)), 1);
    }

    /** Mostly deliveries; WhatsApp also reports reads. */
    private static String status(int draw, boolean whatsApp) {
        if (draw < 20) {
            return "sent";
        }
        if (draw < 82) {
            return "delivered";
        }
        if (draw < 90) {
            return whatsApp ? "read" : "delivered";
        }
        return draw < 96 ? "undelivered" : "failed";
    }

    private static String encode(List<String[]> params) {
        StringBuilder form = new StringBuilder(400);
        for (String[] p : params) {
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(URLEncoder.encode(p[0], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p[1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    private String sign(List<String[]> params) {
        List<String[]> sorted = new ArrayList<>(params);
        sorted.sort(BY_NAME_THEN_VALUE);
        StringBuilder data = new StringBuilder(signedUrl);
        sorted.forEach(p -> data.append(p[0]).append(p[1]));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks HmacSHA1", e);
        }
    }
}
