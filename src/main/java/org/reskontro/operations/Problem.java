package org.reskontro.operations;

/**
 * One broken money invariant found by {@code reskontro verify}: which check, what it is about (customer, invoice,
 * posting or bank transaction) and what is wrong, in words an accountant can act on.
 */
public record Problem(Check check, String subject, String detail) {

    /** The invariants {@code verify} checks. */
    public enum Check {
        /** the sum of a customer's postings equals its open items less the unallocated part of its credits */
        CUSTOMER_BALANCE,
        /** every bank transaction is allocated, on account, ignored with a reason, outgoing, reversed or open */
        BANK_TRANSACTION_STATE,
        /** no posting allocates more than its amount */
        POSTING_OVER_ALLOCATED,
        /** no invoice receives more than its amount plus fees plus interest */
        INVOICE_OVER_ALLOCATED,
        /** an invoice's open-item projection equals its journal (charges less allocations) */
        INVOICE_PROJECTION,
        /** an invoice's status agrees with its open amounts */
        INVOICE_STATUS
    }

    @Override
    public String toString() {
        return check + "  " + subject + ": " + detail;
    }
}
