package io.funnelstream.engine.alert;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's rule for every {@link AlertKind}: its own where it set one, the default elsewhere.
 *
 * @param rules one per kind (an unmodifiable copy; kinds left out get their default)
 */
public record AlertRules(Map<AlertKind, AlertRule> rules) {

    public static final AlertRules DEFAULT = new AlertRules(Map.of());

    public AlertRules {
        Objects.requireNonNull(rules, "rules");
        EnumMap<AlertKind, AlertRule> all = new EnumMap<>(AlertKind.class);
        for (AlertKind kind : AlertKind.values()) {
            all.put(kind, Objects.requireNonNullElseGet(rules.get(kind), () -> AlertRule.defaultFor(kind)));
        }
        rules = Collections.unmodifiableMap(all);
    }

    public AlertRule rule(AlertKind kind) {
        return rules.get(kind);
    }

    /** These rules with {@code kind}'s replaced. */
    public AlertRules with(AlertKind kind, AlertRule rule) {
        EnumMap<AlertKind, AlertRule> copy = new EnumMap<>(rules);
        copy.put(kind, Objects.requireNonNull(rule, "rule"));
        return new AlertRules(copy);
    }
}
