package org.reskontro.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an amount over an invoice's open components in the order Norwegian and Swedish practice requires:
 * fees first, then interest, then principal.
 */
public final class Allocation {

    private Allocation() {
    }

    /** One part of a payment applied to one component of one invoice. */
    public record Part(Component component, BigDecimal amount) {
    }

    /** The parts applied and what is left of the amount. */
    public record Result(List<Part> parts, BigDecimal remainder, OpenItem after) {
        public BigDecimal applied() {
            return parts.stream().map(Part::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** Applies up to {@code amount} (positive) to the open item. */
    public static Result apply(OpenItem open, BigDecimal amount) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("an allocation is a positive amount: " + amount);
        }
        List<Part> parts = new ArrayList<>(3);
        BigDecimal left = amount;
        OpenItem item = open;
        for (Component c : Component.values()) {
            BigDecimal owed = item.get(c);
            if (left.signum() == 0 || owed.signum() <= 0) {
                continue;
            }
            BigDecimal take = owed.min(left);
            parts.add(new Part(c, take));
            item = item.minus(c, take);
            left = left.subtract(take);
        }
        return new Result(List.copyOf(parts), left, item);
    }

    /** The status an invoice has once its open item is as given. */
    public static InvoiceStatus statusOf(InvoiceType type, BigDecimal amount, OpenItem open, boolean settledByCredit) {
        if (open.total().signum() == 0) {
            return settledByCredit && type == InvoiceType.INVOICE ? InvoiceStatus.CREDITED : InvoiceStatus.PAID;
        }
        return open.principal().compareTo(amount) < 0 ? InvoiceStatus.PARTIALLY_PAID : InvoiceStatus.OPEN;
    }
}
