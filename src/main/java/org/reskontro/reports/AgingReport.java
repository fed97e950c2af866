package org.reskontro.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aging analysis (aldersanalyse / åldersanalys) as of a date: per currency and customer, the open items by
 * {@link Bucket}, with totals and each bucket's share of the total. Currencies are never added together.
 */
public record AgingReport(LocalDate date, List<Section> sections) {

    /** One currency's table. Unallocated credits are shown beside the buckets, not netted into them. */
    public record Section(String currency, List<Row> rows, Row total, BigDecimal unallocatedCredit) {

        /** The bucket's share of the section total, whole percent half-up. */
        public BigDecimal share(Bucket b) {
            return Fmt.percent(total.amount(b), total.total());
        }

        public BigDecimal overdue() {
            return total.overdue();
        }
    }

    /** One customer's (or the total's) amounts per bucket. */
    public record Row(String customerNo, String customerName, Map<Bucket, BigDecimal> amounts) {

        public BigDecimal amount(Bucket b) {
            return amounts.getOrDefault(b, BigDecimal.ZERO);
        }

        public BigDecimal total() {
            return amounts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public BigDecimal overdue() {
            return total().subtract(amount(Bucket.NOT_DUE));
        }
    }

    /** Builds the report from open items (any order); items with a zero amount are left out. */
    public static AgingReport of(LocalDate date, Iterable<OpenAmount> items, Map<String, BigDecimal> unallocatedByCurrency) {
        Builder b = new Builder(date);
        for (OpenAmount item : items) {
            b.add(item);
        }
        unallocatedByCurrency.forEach(b::unallocated);
        return b.build();
    }

    public Section section(String currency) {
        return sections.stream().filter(s -> s.currency().equals(currency)).findFirst().orElse(null);
    }

    /** Accumulates open items as they are streamed from the database. */
    public static final class Builder {
        private final LocalDate date;
        private final Map<String, Map<String, String>> names = new TreeMap<>();
        private final Map<String, Map<String, EnumMap<Bucket, BigDecimal>>> amounts = new TreeMap<>();
        private final Map<String, BigDecimal> unallocated = new TreeMap<>();

        public Builder(LocalDate date) {
            this.date = date;
        }

        public void add(OpenAmount item) {
            if (item.amount().signum() == 0 || item.issueDate().isAfter(date)) {
                return;
            }
            names.computeIfAbsent(item.currency(), c -> new TreeMap<>()).put(item.customerNo(), item.customerName());
            amounts.computeIfAbsent(item.currency(), c -> new TreeMap<>())
                    .computeIfAbsent(item.customerNo(), c -> new EnumMap<>(Bucket.class))
                    .merge(Bucket.of(item.dueDate(), date), item.amount(), BigDecimal::add);
        }

        public void unallocated(String currency, BigDecimal amount) {
            if (amount.signum() != 0) {
                unallocated.merge(currency, amount, BigDecimal::add);
            }
        }

        public AgingReport build() {
            Map<String, Section> sections = new LinkedHashMap<>();
            java.util.Set<String> currencies = new java.util.TreeSet<>(amounts.keySet());
            currencies.addAll(unallocated.keySet());
            for (String currency : currencies) {
                List<Row> rows = new ArrayList<>();
                EnumMap<Bucket, BigDecimal> total = zeros(currency);
                for (Map.Entry<String, EnumMap<Bucket, BigDecimal>> e
                        : amounts.getOrDefault(currency, Map.of()).entrySet()) {
                    EnumMap<Bucket, BigDecimal> row = zeros(currency);
                    e.getValue().forEach((k, v) -> row.merge(k, v, BigDecimal::add));
                    rows.add(new Row(e.getKey(), names.get(currency).get(e.getKey()), row));
                    row.forEach((k, v) -> total.merge(k, v, BigDecimal::add));
                }
                sections.put(currency, new Section(currency, List.copyOf(rows), new Row("", "Total", total),
                        unallocated.getOrDefault(currency, BigDecimal.ZERO)));
            }
            return new AgingReport(date, List.copyOf(sections.values()));
        }

        private static EnumMap<Bucket, BigDecimal> zeros(String currency) {
            EnumMap<Bucket, BigDecimal> m = new EnumMap<>(Bucket.class);
            for (Bucket b : Bucket.values()) {
                m.put(b, BigDecimal.ZERO.setScale(org.reskontro.common.Money.scale(currency)));
            }
            return m;
        }
    }
}
