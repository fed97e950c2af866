package org.reskontro.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A range of customer ids, both ends included: the unit of work of a partitioned step (docs/scaling.md). A
 * customer's items are never split across ranges.
 */
public record CustomerRange(long min, long max) {

    public static final CustomerRange ALL = new CustomerRange(Long.MIN_VALUE, Long.MAX_VALUE);

    public CustomerRange {
        if (min > max) {
            throw new IllegalArgumentException("empty customer range " + min + ".." + max);
        }
    }

    public boolean contains(long customerId) {
        return customerId >= min && customerId <= max;
    }

    /**
     * At most {@code grid} contiguous ranges that together cover every customer id, cut so that each holds about
     * the same weight (open items, transactions), not the same span of ids. An empty map gives one range.
     */
    public static List<CustomerRange> balance(SortedMap<Long, Long> weightByCustomer, int grid) {
        List<CustomerRange> ranges = new ArrayList<>();
        long total = 0;
        for (long w : weightByCustomer.values()) {
            total += Math.max(0, w);
        }
        int parts = Math.max(1, grid);
        if (parts == 1 || total == 0) {
            ranges.add(ALL);
            return ranges;
        }
        long start = Long.MIN_VALUE;
        long sum = 0;
        int cut = 1;
        Long last = weightByCustomer.lastKey();
        for (Map.Entry<Long, Long> e : weightByCustomer.entrySet()) {
            sum += Math.max(0, e.getValue());
            long customer = e.getKey();
            // close a range once it reached its share of the total (cut * total / parts)
            if (cut < parts && customer != last && sum * parts >= (long) cut * total) {
                ranges.add(new CustomerRange(start, customer));
                start = customer + 1;
                while (cut < parts && sum * parts >= (long) cut * total) {
                    cut++;
                }
            }
        }
        ranges.add(new CustomerRange(start, Long.MAX_VALUE));
        return ranges;
    }
}
