package io.funnelstream.benchmarks.webhook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code name=value} command-line arguments; an unknown name is an error, not silently ignored. */
final class Arguments {

    private final Map<String, String> values;

    private Arguments(Map<String, String> values) {
        this.values = values;
    }

    static Arguments parse(String[] args, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected name=value, got: " + arg);
            }
            String name = arg.substring(0, eq);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown argument '" + name + "'; known: " + known);
            }
            values.put(name, arg.substring(eq + 1));
        }
        return new Arguments(values);
    }

    @Nullable String get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    String get(String name, String fallback) {
        String value = get(name);
        return value == null ? fallback : value;
    }

    String required(String name) {
        String value = get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing required argument " + name + "=...");
        }
        return value;
    }

    int integer(String name, int fallback) {
        String value = get(name);
        return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
    }

    double decimal(String name, double fallback) {
        String value = get(name);
        return value == null ? fallback : Double.parseDouble(value.replace("_", ""));
    }

    Duration duration(String name, Duration fallback) {
        String value = get(name);
        return value == null ? fallback : duration(value);
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, or plain seconds. */
    static Duration duration(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    }
}
