package org.reskontro.dunning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A value that changes on given dates (a rate or an amount set by regulation), each in force from its date
 * until the next one.
 */
public final class RateTable {

    private final String name;
    private final NavigableMap<LocalDate, BigDecimal> values;

    public RateTable(String name, Map<LocalDate, BigDecimal> values) {
        this.name = name;
        this.values = new TreeMap<>(values);
    }

    /** The value in force on a date; an error before the first date of the table. */
    public BigDecimal on(LocalDate date) {
        Map.Entry<LocalDate, BigDecimal> e = values.floorEntry(date);
        if (e == null) {
            throw new IllegalArgumentException(name + ": no value in force on " + date + " (the table starts "
                    + values.firstKey() + ")");
        }
        return e.getValue();
    }

    public boolean hasValueOn(LocalDate date) {
        return values.floorEntry(date) != null;
    }

    /** The first date after {@code date} on which the value changes, or null. */
    public LocalDate nextChangeAfter(LocalDate date) {
        return values.higherKey(date);
    }

    public String name() {
        return name;
    }

    public NavigableMap<LocalDate, BigDecimal> values() {
        return java.util.Collections.unmodifiableNavigableMap(values);
    }
}
