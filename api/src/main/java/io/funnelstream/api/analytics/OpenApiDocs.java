package io.funnelstream.api.analytics;

/** Descriptions shared by the analytics operations in the OpenAPI document. */
final class OpenApiDocs {

    /** The security scheme of API keys, declared in {@code config.OpenApiConfiguration}. */
    static final String API_KEY = "apiKey";

    static final String PROBLEM_JSON = "application/problem+json";

    static final String FROM = "Start (inclusive): an ISO-8601 instant (2026-11-02T10:15:30Z) or a date, read in tz."
            + " Default: seven days before 'to'.";
    static final String TO = "End (exclusive): an ISO-8601 instant, or a date whose whole day is included. Default:"
            + " now.";
    static final String TZ = "Time zone of dates and day buckets: an IANA name (Europe/Berlin) or an offset. Default:"
            + " UTC.";
    static final String CHANNEL = "Only messages of this channel: email, sms or whatsapp";
    static final String DISTRIBUTION = "Only messages of this distribution (its id)";

    private OpenApiDocs() {}
}
