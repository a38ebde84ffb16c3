package io.funnelstream.engine.tracking;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Recognises link scanners, mail security gateways, prefetchers and headless browsers, which open survey links
 * without a person behind them: by a {@code Purpose}/{@code Sec-Purpose} prefetch header, a missing user agent, or
 * a user agent naming a known scanner. What they send is stored, marked as a bot, and counted in no funnel step.
 */
public final class Scanners {

    private static final List<String> AGENTS = List.of(
            "barracuda", "mimecast", "proofpoint", "safelinks", "bingpreview", "msnbot", "microsoft office",
            "ms-office", "googleimageproxy", "google-safety", "googlebot", "headlesschrome", "phantomjs",
            "puppeteer", "playwright", "selenium", "curl/", "wget/", "python-requests", "python-urllib",
            "go-http-client", "java/", "okhttp", "apache-httpclient", "libwww-perl", "symantec", "forcepoint",
            "trendmicro", "trend micro", "sophos", "fortinet", "cisco", "ironport", "zscaler", "paloalto", "avanan",
            "slackbot", "facebookexternalhit", "whatsapp", "telegrambot", "twitterbot", "linkedinbot",
            "discordbot", "skypeuripreview", "yahoo! slurp", "bot/", "crawler", "spider");

    private Scanners() {}

    /**
     * Why the request looks automated, or empty for a person's browser.
     *
     * @param userAgent the {@code User-Agent} header
     * @param purpose the {@code Sec-Purpose} or {@code Purpose} header
     */
    public static Optional<String> detect(@Nullable String userAgent, @Nullable String purpose) {
        if (purpose != null && purpose.toLowerCase(Locale.ROOT).contains("prefetch")) {
            return Optional.of("prefetch");
        }
        if (userAgent == null || userAgent.isBlank()) {
            return Optional.of("no-user-agent");
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        for (String known : AGENTS) {
            if (agent.contains(known)) {
                return Optional.of(known.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", ""));
            }
        }
        return Optional.empty();
    }
}
