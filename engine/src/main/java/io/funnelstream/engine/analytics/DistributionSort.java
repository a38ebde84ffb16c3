package io.funnelstream.engine.analytics;

import io.funnelstream.engine.metrics.DeliveryReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The order of a distribution list: by a {@link Metric}, by name or by creation time, ascending or
 * descending. Distributions without a value for the metric (a rate of a zero denominator) come last in
 * either direction; ties go by name, then id.
 *
 * @param field {@code name}, {@code createdAt} or a metric's API name
 * @param metric the metric sorted by, null for name and createdAt
 * @param descending true for largest first
 */
public record DistributionSort(String field, @Nullable Metric metric, boolean descending) {

    public static final String NAME = "name";
    public static final String CREATED_AT = "createdAt";

    /** Most messages sent first. */
    public static final DistributionSort DEFAULT = new DistributionSort(Metric.SENT.apiName(), Metric.SENT, true);

    /** Every field a list can be sorted by. */
    public static List<String> fields() {
        List<String> out = new ArrayList<>(List.of(NAME, CREATED_AT));
        out.addAll(Metric.apiNames());
        return out;
    }

    /** {@code <field>} or {@code <field>,asc|desc}; a metric alone sorts descending, a name ascending. */
    public static Parsed<DistributionSort> parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Parsed.valid(DEFAULT);
        }
        String[] parts = text.strip().split(",", -1);
        String field = parts[0].strip();
        Metric metric = Metric.fromApiName(field).orElse(null);
        if (metric == null && !field.equals(NAME) && !field.equals(CREATED_AT)) {
            return Parsed.invalid("unknown-sort-field", "Cannot sort by '" + field + "': use one of "
                    + String.join(", ", fields()) + ", optionally followed by ,asc or ,desc.", fields());
        }
        if (parts.length == 1) {
            return Parsed.valid(new DistributionSort(field, metric, !field.equals(NAME)));
        }
        String direction = parts[1].strip().toLowerCase(Locale.ROOT);
        if (parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            return Parsed.invalid("invalid-sort", "sort '" + text + "' must be <field>,asc or <field>,desc.",
                    List.of("asc", "desc"));
        }
        return Parsed.valid(new DistributionSort(field, metric, direction.equals("desc")));
    }

    /** {@code <field>,asc} or {@code <field>,desc}. */
    public String text() {
        return field + (descending ? ",desc" : ",asc");
    }

    /** The order of rows under this sort. */
    public Comparator<DistributionRow> comparator() {
        Comparator<DistributionRow> byName = Comparator.comparing((DistributionRow r) -> r.info().name())
                .thenComparing(r -> r.info().id());
        Comparator<DistributionRow> primary;
        if (metric != null) {
            Metric m = metric;
            Comparator<Double> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
            primary = Comparator.comparing((DistributionRow r) -> valueOf(m, r.report()),
                    Comparator.nullsLast(values));
        } else if (field.equals(CREATED_AT)) {
            primary = Comparator.comparing((DistributionRow r) -> r.info().createdAt());
            primary = descending ? primary.reversed() : primary;
        } else {
            return descending ? byName.reversed() : byName;
        }
        return primary.thenComparing(byName);
    }

    private static @Nullable Double valueOf(Metric metric, DeliveryReport report) {
        return metric.valueOf(report);
    }
}
