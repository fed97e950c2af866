package org.reskontro.dunning;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.reskontro.ledger.Customer;

/**
 * One overdue invoice as the snapshot sees it: what is left of each component, its dunning state and hold.
 *
 * @param reminderFeeCount reminder fees charged on this claim by dunning before the final notice
 * @param dunningFeeTotal  all fees charged on this claim by dunning (offsets the business compensation)
 */
public record OverdueItem(long invoiceId, String invoiceNo, LocalDate issueDate, LocalDate dueDate,
                          String reference, String currency, BigDecimal principalOpen, BigDecimal feeOpen,
                          BigDecimal interestOpen, int level, LocalDate lastDunningDate, Customer.Hold hold,
                          int reminderFeeCount, BigDecimal dunningFeeTotal) {

    public BigDecimal openTotal() {
        return principalOpen.add(feeOpen).add(interestOpen);
    }
}
