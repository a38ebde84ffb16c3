package io.funnelstream.engine.analytics;

import java.util.List;
import java.util.Objects;

/**
 * One page of the tenant's distributions with their metrics.
 *
 * @param cover the range the figures cover
 * @param sort the order
 * @param page which page
 * @param total how many distributions were ranked
 * @param truncated true when the tenant has more distributions than one list ranks (the newest are ranked)
 * @param items the page's rows
 */
public record DistributionPage(
        Cover cover,
        DistributionSort sort,
        PageRequest page,
        long total,
        boolean truncated,
        List<DistributionRow> items) {

    public DistributionPage {
        Objects.requireNonNull(cover, "cover");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(page, "page");
        items = List.copyOf(items);
    }

    /** Pages needed for all ranked distributions. */
    public long totalPages() {
        return (total + page.size() - 1) / page.size();
    }

    /** Sorts all ranked rows and takes the page asked for. */
    static DistributionPage of(
            Cover cover, DistributionSort sort, PageRequest page, boolean truncated, List<DistributionRow> rows) {
        List<DistributionRow> sorted = rows.stream().sorted(sort.comparator()).toList();
        int from = (int) Math.min(sorted.size(), page.offset());
        int to = (int) Math.min(sorted.size(), page.offset() + page.size());
        return new DistributionPage(cover, sort, page, sorted.size(), truncated, sorted.subList(from, to));
    }
}
