package org.reskontro.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Key figures (nøkkeltall / nyckeltal) for a period, per currency: days sales outstanding, loss percentage,
 * overdue rate and the proposed loss provision; per customer the average days to pay and the payment pattern.
 */
public record KeyFigures(LocalDate from, LocalDate to, List<CurrencyFigures> currencies, List<PaymentPattern> customers) {

    /** The period's length in days, both ends included. */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * One currency. {@code receivables} and {@code overdue} are open items at the end of the period; revenue is
     * what was invoiced in the period (incl. VAT, less credit notes), losses the WRITE_OFF postings in it.
     */
    public record CurrencyFigures(String currency, long days, BigDecimal receivables, BigDecimal overdue,
                                  BigDecimal revenue, BigDecimal losses, LossProvision provision) {

        /** DSO: receivables x days in the period / revenue in the period (x 365 / yearly revenue for a year). */
        public BigDecimal dso() {
            if (revenue.signum() <= 0) {
                return null;
            }
            return receivables.multiply(BigDecimal.valueOf(days)).divide(revenue, 0, RoundingMode.HALF_UP);
        }

        /** Losses / revenue in whole percent. */
        public BigDecimal lossPercent() {
            return revenue.signum() <= 0 ? null : Fmt.percent(losses, revenue);
        }

        /** Overdue / all receivables in whole percent. */
        public BigDecimal overdueRate() {
            return Fmt.percent(overdue, receivables);
        }
    }

    /**
     * How a customer paid in the period: {@code weightedDays} is the sum of amount x days from invoice date to
     * payment allocation, so the average is weighted by amount; on time means allocated by the due date.
     */
    public record PaymentPattern(String customerNo, String customerName, String currency, int payments,
                                 BigDecimal paid, BigDecimal weightedDays, BigDecimal paidOnTime,
                                 BigDecimal weightedDaysLate) {

        public BigDecimal averageDaysToPay() {
            return paid.signum() == 0 ? null : weightedDays.divide(paid, 0, RoundingMode.HALF_UP);
        }

        public BigDecimal onTimePercent() {
            return Fmt.percent(paidOnTime, paid);
        }

        public BigDecimal latePercent() {
            BigDecimal onTime = onTimePercent();
            return onTime == null ? null : BigDecimal.valueOf(100).subtract(onTime);
        }

        /** Average days past due of the late part, weighted by amount. */
        public BigDecimal averageDaysLate() {
            BigDecimal late = paid.subtract(paidOnTime);
            return late.signum() == 0 ? BigDecimal.ZERO : weightedDaysLate.divide(late, 0, RoundingMode.HALF_UP);
        }

        /** A short description: on time, mostly on time, often late, late. */
        public String pattern() {
            BigDecimal onTime = onTimePercent();
            if (onTime == null) {
                return "no payments";
            }
            int p = onTime.intValue();
            if (p == 100) {
                return "on time";
            }
            if (p >= 80) {
                return "mostly on time";
            }
            if (p >= 40) {
                return "often late";
            }
            return "late";
        }
    }

    /** A payment allocation as read from the journal, the input of {@link PaymentPattern}. */
    public record Payment(String customerNo, String customerName, String currency, LocalDate issueDate,
                          LocalDate dueDate, LocalDate paidOn, BigDecimal amount) {
    }

    /** Folds payment allocations (sorted by customer and currency) into patterns. */
    public static List<PaymentPattern> patterns(List<Payment> payments) {
        java.util.Map<String, PaymentPattern> by = new java.util.TreeMap<>();
        for (Payment p : payments) {
            String key = p.customerNo() + "\u0000" + p.currency();
            long days = ChronoUnit.DAYS.between(p.issueDate(), p.paidOn());
            long late = Math.max(0, ChronoUnit.DAYS.between(p.dueDate(), p.paidOn()));
            boolean onTime = !p.paidOn().isAfter(p.dueDate());
            PaymentPattern one = new PaymentPattern(p.customerNo(), p.customerName(), p.currency(), 1, p.amount(),
                    p.amount().multiply(BigDecimal.valueOf(days)), onTime ? p.amount() : BigDecimal.ZERO,
                    p.amount().multiply(BigDecimal.valueOf(late)));
            by.merge(key, one, (a, b) -> new PaymentPattern(a.customerNo(), a.customerName(), a.currency(),
                    a.payments() + b.payments(), a.paid().add(b.paid()), a.weightedDays().add(b.weightedDays()),
                    a.paidOnTime().add(b.paidOnTime()), a.weightedDaysLate().add(b.weightedDaysLate())));
        }
        return List.copyOf(by.values());
    }
}
