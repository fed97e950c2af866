package org.reskontro.operations;

import java.time.LocalDate;
import java.util.Map;

/**
 * How long the accounting records of a customer must be kept before its personal data may be erased: until the
 * end of the financial year (the calendar year) of its last posting, plus a number of years per country.
 * Norway: 5 years (bokføringsloven § 13 first paragraph, primary documentation); Sweden: 7 years
 * (bokföringslagen 7 kap. 2 §). Configurable with {@code reskontro.privacy.retention-years.NO} / {@code .SE}.
 */
public record Retention(Map<String, Integer> yearsByCountry) {

    public static final Map<String, Integer> DEFAULTS = Map.of("NO", 5, "SE", 7);

    public Retention {
        yearsByCountry = Map.copyOf(yearsByCountry);
    }

    public int years(String country) {
        Integer y = yearsByCountry.get(country);
        if (y == null) {
            throw new IllegalArgumentException("no retention period for country " + country);
        }
        return y;
    }

    /** The last day the records must still be kept; erasure is allowed from the day after. */
    public LocalDate keptUntil(String country, LocalDate lastPosting) {
        return LocalDate.of(lastPosting.getYear(), 12, 31).plusYears(years(country));
    }

    /** Why a customer's personal data may not be erased on {@code date}, or null when it may. */
    public String refusal(String country, LocalDate lastPosting, LocalDate date) {
        if (lastPosting == null) {
            return null;
        }
        LocalDate until = keptUntil(country, lastPosting);
        if (!date.isAfter(until)) {
            return "the accounting records must be kept until " + until + " (" + years(country) + " years after the "
                    + "end of the financial year of the last posting, " + lastPosting + ", "
                    + ("SE".equals(country) ? "bokföringslagen 7 kap. 2 §" : "bokføringsloven § 13") + ")";
        }
        return null;
    }
}
