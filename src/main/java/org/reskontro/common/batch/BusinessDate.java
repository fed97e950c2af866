package org.reskontro.common.batch;

import java.time.LocalDate;

import org.reskontro.common.RejectedInputException;

/** The business date of a run: the identifying job parameter {@code date}, as a {@link LocalDate}. */
public final class BusinessDate {

    private BusinessDate() {
    }

    /** The parameter's value (a {@code LocalDate}, or its ISO text); refused with the job's name when missing. */
    public static LocalDate of(Object value, String job) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value == null) {
            throw new RejectedInputException("the " + job + " job needs the job parameter 'date'");
        }
        return LocalDate.parse(value.toString());
    }
}
