package org.reskontro.reports;

import java.time.LocalDate;

/**
 * The aging buckets, by days past the due date as of the report date. An item due on the report date itself is
 * not overdue (it can still be paid on time that day), so it is {@link #NOT_DUE}; "0-30" holds items 1 to 30 days
 * past due (the article's label for the first overdue month).
 */
public enum Bucket {
    NOT_DUE("Not due"), DAYS_0_30("0-30"), DAYS_31_60("31-60"), DAYS_61_90("61-90"), OVER_90("> 90");

    private final String label;

    Bucket(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The bucket of an item due on {@code due} as of {@code asOf}. */
    public static Bucket of(LocalDate due, LocalDate asOf) {
        if (!due.isBefore(asOf)) {
            return NOT_DUE;
        }
        if (!due.isBefore(asOf.minusDays(30))) {
            return DAYS_0_30;
        }
        if (!due.isBefore(asOf.minusDays(60))) {
            return DAYS_31_60;
        }
        if (!due.isBefore(asOf.minusDays(90))) {
            return DAYS_61_90;
        }
        return OVER_90;
    }

    public boolean overdue() {
        return this != NOT_DUE;
    }
}
