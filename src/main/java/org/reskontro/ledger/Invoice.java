package org.reskontro.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** An invoice, a credit note or an opening balance: a document that becomes an item in the ledger. */
public record Invoice(
        String invoiceNo,
        String customerNo,
        InvoiceType type,
        LocalDate issueDate,
        LocalDate dueDate,
        String currency,
        BigDecimal amount,
        BigDecimal vatAmount,
        String reference,
        String creditsInvoiceNo) {

    public Invoice {
        Objects.requireNonNull(invoiceNo, "invoiceNo");
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive (a credit note is a positive amount of type credit_note)");
        }
        if (dueDate.isBefore(issueDate)) {
            throw new IllegalArgumentException("due date " + dueDate + " is before the issue date " + issueDate);
        }
    }

    /** The signed amount this document posts to the customer's account. */
    public BigDecimal signedAmount() {
        return type == InvoiceType.CREDIT_NOTE ? amount.negate() : amount;
    }
}
