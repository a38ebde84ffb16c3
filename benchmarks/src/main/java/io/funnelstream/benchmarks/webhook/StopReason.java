package io.funnelstream.benchmarks.webhook;

/** Why a phase stopped sending: every run is bounded. */
enum StopReason {
    REQUESTS("request count reached"),
    DURATION("duration reached"),
    POOL_USED_UP("every distinct request sent (raise pool= for longer runs)");

    private final String description;

    StopReason(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
