package org.reskontro.reports;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The overdue and total open items in one currency at one date: a point of the overdue-over-time chart. */
public record OverduePoint(LocalDate date, String currency, BigDecimal overdue, BigDecimal open) {
}
