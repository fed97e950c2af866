package org.reskontro.ledger;

/** The status of an invoice, derived from its postings and allocations. */
public enum InvoiceStatus {
    OPEN, PARTIALLY_PAID, PAID, CREDITED, IN_COLLECTION, WRITTEN_OFF
}
