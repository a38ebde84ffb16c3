package io.funnelstream.benchmarks.webhook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One load run, from the command line. See {@link WebhookLoadGenerator} for the argument list.
 *
 * @param url where to post, loopback only
 * @param provider whose webhooks to send
 * @param openLoop true for a fixed rate, false for a fixed number of users
 * @param connections connections open at most
 * @param users closed loop: requests in flight, each user waiting for its answer before the next
 * @param rate open loop: requests per second
 * @param maxInFlight open loop: requests sent and not answered yet; more wait (their wait counts as latency)
 * @param duration how long the measured phase sends at most
 * @param requests how many requests the measured phase sends at most
 * @param warmup requests sent first, not measured (same loop and rate)
 * @param pool distinct signed requests built before the run
 * @param reuse send the pool again when used up (only for endpoints that do not deduplicate, i.e. the no-op)
 * @param batch SendGrid events per request
 * @param credentials the setup's credentials file; null for throwaway keys (the no-op endpoint checks nothing)
 * @param signUrl the URL Twilio signs: the service's public base URL with the path, by default {@code url}
 * @param timeout how long one request may take
 * @param maxUnsuccessful the share of non-2xx answers and failures above which the run fails
 * @param label the scenario's name in the result line
 */
record LoadOptions(
        TargetUrl url,
        Provider provider,
        boolean openLoop,
        int connections,
        int users,
        double rate,
        int maxInFlight,
        Duration duration,
        long requests,
        int warmup,
        int pool,
        boolean reuse,
        int batch,
        @Nullable Path credentials,
        String signUrl,
        Duration timeout,
        double maxUnsuccessful,
        String label) {

    /** The two providers whose traffic shapes the targets name: big signed batches, and single-event forms. */
    enum Provider {
        SENDGRID,
        TWILIO,
        /** Survey funnel beacons to {@code /api/tracking/events}, one event each. */
        TRACKING;

        String slug() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** SendGrid accepts a signed timestamp for five minutes: a run using one pre-signed pool must end before. */
    static final Duration SENDGRID_MAX_RUN = Duration.ofSeconds(200);
    static final Duration WARMUP_MAX = Duration.ofSeconds(60);

    static final Set<String> NAMES = Set.of("url", "provider", "mode", "connections", "users", "rate", "maxInFlight",
            "duration", "requests", "warmup", "pool", "reuse", "batch", "credentials", "signUrl", "timeout",
            "maxUnsuccessful", "label");

    LoadOptions {
        if (connections < 1 || users < 1 || maxInFlight < 1 || batch < 1 || pool < 1 || warmup < 0 || requests < 1) {
            throw new IllegalArgumentException("connections, users, maxInFlight, batch, pool and requests must be "
                    + "positive, warmup not negative");
        }
        if (openLoop && !(rate > 0)) {
            throw new IllegalArgumentException("mode=open needs rate=<requests per second>");
        }
        if (provider == Provider.SENDGRID && duration.compareTo(SENDGRID_MAX_RUN) > 0) {
            throw new IllegalArgumentException("SendGrid signatures are accepted for 5 minutes after signing; keep "
                    + "duration <= " + SENDGRID_MAX_RUN.toSeconds() + "s (run again for more)");
        }
        TargetUrl.parse(signUrl);
    }

    static LoadOptions parse(String[] args) {
        Arguments a = Arguments.parse(args, NAMES);
        TargetUrl url = TargetUrl.parse(a.required("url"));
        Provider provider = Provider.valueOf(a.required("provider").toUpperCase(Locale.ROOT));
        String mode = a.get("mode", "closed");
        if (!mode.equals("open") && !mode.equals("closed")) {
            throw new IllegalArgumentException("mode is open or closed: " + mode);
        }
        boolean open = mode.equals("open");
        int connections = a.integer("connections", open ? 64 : 16);
        double rate = a.decimal("rate", 0);
        Duration duration = a.duration("duration", Duration.ofSeconds(30));
        String requestsText = a.get("requests");
        long requests = requestsText == null ? Long.MAX_VALUE : Long.parseLong(requestsText.replace("_", ""));
        boolean sendGrid = provider == Provider.SENDGRID;
        int warmup = a.integer("warmup", sendGrid ? 100 : 20_000);
        boolean reuse = Boolean.parseBoolean(a.get("reuse", "false"));
        int pool = a.integer("pool", defaultPool(sendGrid, open, reuse, rate, duration, requests, warmup));
        String credentials = a.get("credentials");
        return new LoadOptions(url, provider, open, connections, a.integer("users", connections), rate,
                a.integer("maxInFlight", connections * 4), duration, requests, warmup, pool, reuse,
                a.integer("batch", 500), credentials == null ? null : Path.of(credentials),
                a.get("signUrl", url.toString()), a.duration("timeout", Duration.ofSeconds(30)),
                a.decimal("maxUnsuccessful", 0.001), a.get("label", provider.slug() + "-" + mode));
    }

    /**
     * Enough distinct requests for the warm-up and the measured phase: its request count if given, else what the
     * rate sends in the duration (open loop), else a size that fits in a 3 GB heap (closed loop: the run stops early,
     * and says so, if the service is faster than that).
     */
    static int defaultPool(
            boolean sendGrid, boolean open, boolean reuse, double rate, Duration duration, long requests, int warmup) {
        long measured;
        if (requests != Long.MAX_VALUE) {
            measured = requests;
        } else if (open) {
            measured = (long) Math.ceil(rate * duration.toMillis() / 1000.0);
        } else {
            measured = sendGrid ? 4_000 : 400_000;
        }
        if (reuse) {
            measured = Math.min(measured, sendGrid ? 200 : 20_000);
        }
        return (int) Math.min(Integer.MAX_VALUE, measured + (reuse ? 0 : warmup));
    }
}
