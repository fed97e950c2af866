package org.reskontro.ledger;

import java.math.BigDecimal;

/** What is still owed on one invoice, by component. */
public record OpenItem(BigDecimal fee, BigDecimal interest, BigDecimal principal) {

    public static final OpenItem NONE = new OpenItem(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public BigDecimal total() {
        return fee.add(interest).add(principal);
    }

    public BigDecimal get(Component c) {
        return switch (c) {
            case FEE -> fee;
            case INTEREST -> interest;
            case PRINCIPAL -> principal;
        };
    }

    public OpenItem minus(Component c, BigDecimal amount) {
        return switch (c) {
            case FEE -> new OpenItem(fee.subtract(amount), interest, principal);
            case INTEREST -> new OpenItem(fee, interest.subtract(amount), principal);
            case PRINCIPAL -> new OpenItem(fee, interest, principal.subtract(amount));
        };
    }
}
