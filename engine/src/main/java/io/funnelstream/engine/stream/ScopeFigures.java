package io.funnelstream.engine.stream;

import io.funnelstream.engine.rollup.Counts;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scope's numbers at one moment, per trailing range, always absolute.
 *
 * @param at when they were read
 * @param ranges the figures by range name, in the configured order (an unmodifiable copy)
 */
public record ScopeFigures(Instant at, Map<String, RangeFigures> ranges) {

    public ScopeFigures {
        Objects.requireNonNull(at, "at");
        ranges = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(ranges, "ranges")));
    }

    /** True when both hold the same ranges with the same counts (the time of reading aside). */
    public boolean sameNumbersAs(ScopeFigures other) {
        if (!ranges.keySet().equals(other.ranges.keySet())) {
            return false;
        }
        for (Map.Entry<String, RangeFigures> e : ranges.entrySet()) {
            RangeFigures theirs = other.ranges.get(e.getKey());
            if (!e.getValue().from().equals(theirs.from()) || !counts(e.getValue()).equals(counts(theirs))) {
                return false;
            }
        }
        return true;
    }

    /** The counters of each range whose value differs from {@code before} (every counter when a range is new). */
    public Map<String, Set<String>> changedSince(ScopeFigures before) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        ranges.forEach((name, now) -> {
            RangeFigures then = before.ranges.get(name);
            Counts old = then == null || !then.from().equals(now.from()) ? Counts.empty() : counts(then);
            Set<String> changed = new TreeSet<>();
            Counts current = counts(now);
            current.values().keySet().forEach(c -> addIfDiffers(changed, c, current, old));
            old.values().keySet().forEach(c -> addIfDiffers(changed, c, current, old));
            out.put(name, Collections.unmodifiableSet(changed));
        });
        return Collections.unmodifiableMap(out);
    }

    private static void addIfDiffers(Set<String> changed, String counter, Counts now, Counts then) {
        if (now.get(counter) != then.get(counter)) {
            changed.add(counter);
        }
    }

    private static Counts counts(RangeFigures figures) {
        return figures.report().counts();
    }
}
