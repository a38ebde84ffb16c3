package io.funnelstream.benchmarks.webhook;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.tracking.TrackingTokens;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Survey funnel beacons as {@code survey-tracking.js} sends them with {@code navigator.sendBeacon}: one event each,
 * {@code text/plain} JSON with a tracking token signed under the service's tracking key, a browser's user agent and
 * device data. Request {@code i} is for recipient {@code i % recipients}, whose funnel steps go round viewed,
 * started, progress, completed as the run comes back to them; every event has its own id, so none is a replay.
 */
final class TrackingBeacons implements Payloads {

    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    private static final String[] STEPS = {"viewed", "started", "progress", "completed"};

    private final TrackingTokens tokens;
    private final TenantId tenant;
    private final UniqueIds ids;
    private final int recipients;

    TrackingBeacons(TrackingTokens tokens, TenantId tenant, UniqueIds ids, int recipients) {
        this.tokens = tokens;
        this.tenant = tenant;
        this.ids = ids;
        this.recipients = recipients;
    }

    /**
     * From the credentials file of the setup, with {@code tracking.key} (base64, the service's
     * {@code FS_TRACKING_KEYS} secret of kid {@code bench}) and {@code tracking.tenant} added.
     */
    static TrackingBeacons fromFile(Path file, UniqueIds ids, int recipients) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String key = props.getProperty("tracking.key");
        String tenant = props.getProperty("tracking.tenant");
        if (key == null || tenant == null) {
            throw new IllegalArgumentException(file + " lacks tracking.key or tracking.tenant");
        }
        TrackingTokens tokens = new TrackingTokens("bench", Map.of("bench", Base64.getDecoder().decode(key.strip())),
                Duration.ofDays(1), Clock.systemUTC());
        return new TrackingBeacons(tokens, TenantId.of(tenant.strip()), ids, recipients);
    }

    @Override
    public int eventsPerRequest() {
        return 1;
    }

    @Override
    public SignedRequest build(long index) {
        long recipient = index % recipients;
        String step = STEPS[(int) ((index / recipients) % STEPS.length)];
        UUID message = ids.uuid(recipient);
        String token = tokens.mint(tenant, message, ids.uuid(recipients + recipient), null, null);
        String body = "{\"token\":\"" + token + "\",\"type\":\"" + step + "\",\"id\":\"" + ids.hex(index) + "\""
                + (step.equals("progress") ? ",\"question\":1" : "")
                + ",\"client\":{\"lang\":\"en-GB\",\"screen\":\"1920x1080\",\"tz\":\"Europe/London\"}}";
        return new SignedRequest(body.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/plain;charset=UTF-8", "User-Agent", BROWSER), 1);
    }
}
