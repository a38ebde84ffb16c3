package io.funnelstream.engine.alert;

/** Whether an alert is on. */
public enum AlertStatus {
    FIRING("firing"),
    RESOLVED("resolved");

    private final String slug;

    AlertStatus(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
