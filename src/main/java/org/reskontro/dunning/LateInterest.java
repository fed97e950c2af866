package org.reskontro.dunning;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.reskontro.common.Money;

/**
 * Late interest on a principal, by day (actual/365), across the dated rate periods, from the day after the due
 * date up to and including a date. Rounded half-up to the currency's minor unit only at the end.
 */
public final class LateInterest {

    private static final BigDecimal DAYS_PER_YEAR = BigDecimal.valueOf(365);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private LateInterest() {
    }

    public static BigDecimal accrue(BigDecimal principal, LocalDate dueDate, LocalDate upTo, RateTable rates,
                                    String currency) {
        int scale = Money.scale(currency);
        if (principal.signum() <= 0 || !upTo.isAfter(dueDate)) {
            return BigDecimal.ZERO.setScale(scale);
        }
        BigDecimal sum = BigDecimal.ZERO;
        LocalDate from = dueDate.plusDays(1);
        while (!from.isAfter(upTo)) {
            LocalDate change = rates.nextChangeAfter(from);
            LocalDate periodEnd = change == null || change.isAfter(upTo) ? upTo : change.minusDays(1);
            long days = ChronoUnit.DAYS.between(from, periodEnd) + 1;
            BigDecimal rate = rates.on(from);
            sum = sum.add(principal.multiply(rate).multiply(BigDecimal.valueOf(days))
                    .divide(HUNDRED.multiply(DAYS_PER_YEAR), MathContext.DECIMAL128));
            from = periodEnd.plusDays(1);
        }
        return sum.setScale(scale, RoundingMode.HALF_UP);
    }
}
