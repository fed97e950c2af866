package org.reskontro.matching;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * How a customer's credit on account (the unallocated parts of earlier payments) is used on the customer's open
 * invoices: the oldest credit first, on the invoices in the order given (the caller passes them by due date),
 * never across currencies, never more than either side has. Pure: the caller locks, reads and writes.
 */
public final class CreditPlan {

    private CreditPlan() {
    }

    /** A payment posting with {@code left} (positive) not yet allocated to any invoice. */
    public record Credit(long postingId, String currency, BigDecimal left) {
    }

    /** An open invoice and what it still owes (fees, interest and principal together). */
    public record Debt(long invoiceId, String currency, BigDecimal open) {
    }

    /** Allocate {@code amount} (in {@code currency}) of credit {@code postingId} to invoice {@code invoiceId}. */
    public record Use(long postingId, long invoiceId, String currency, BigDecimal amount) {
    }

    public static List<Use> plan(List<Credit> credits, List<Debt> debts) {
        List<Use> uses = new ArrayList<>();
        BigDecimal[] owed = new BigDecimal[debts.size()];
        for (int i = 0; i < owed.length; i++) {
            owed[i] = debts.get(i).open();
        }
        for (Credit c : credits) {
            BigDecimal left = c.left();
            for (int i = 0; i < owed.length && left.signum() > 0; i++) {
                Debt d = debts.get(i);
                if (!d.currency().equals(c.currency()) || owed[i].signum() <= 0) {
                    continue;
                }
                BigDecimal amount = left.min(owed[i]);
                uses.add(new Use(c.postingId(), d.invoiceId(), c.currency(), amount));
                owed[i] = owed[i].subtract(amount);
                left = left.subtract(amount);
            }
        }
        return uses;
    }
}
