package io.funnelstream.engine.webhook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Immutable HTTP request headers; names compare case-insensitively, values keep their order. */
public final class WebhookHeaders {

    private static final WebhookHeaders EMPTY = new WebhookHeaders(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    private final TreeMap<String, List<String>> values;

    private WebhookHeaders(TreeMap<String, List<String>> values) {
        this.values = values;
    }

    public static WebhookHeaders empty() {
        return EMPTY;
    }

    /** Copies headers from a multi-valued map, such as Spring's {@code HttpHeaders}. */
    public static WebhookHeaders of(Map<String, ? extends List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, list) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(list));
        copy.replaceAll((name, list) -> List.copyOf(list));
        return new WebhookHeaders(copy);
    }

    /** Headers from alternating names and values: {@code of("Content-Type", "application/json")}. */
    public static WebhookHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name/value pairs");
        }
        TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.computeIfAbsent(namesAndValues[i], n -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        map.replaceAll((name, list) -> List.copyOf(list));
        return new WebhookHeaders(map);
    }

    /** The first value of a header, if present. */
    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** Every value of a header, in order. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** A copy with one header replaced, for tests and adapters. */
    public WebhookHeaders with(String name, String value) {
        TreeMap<String, List<String>> copy = new TreeMap<>(values);
        copy.put(name, List.of(value));
        return new WebhookHeaders(copy);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof WebhookHeaders other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "WebhookHeaders" + values.keySet();
    }
}
