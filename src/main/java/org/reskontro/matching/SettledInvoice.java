package org.reskontro.matching;

import org.reskontro.ledger.InvoiceStatus;

/**
 * An invoice that is no longer open, named by a payment's structured reference: what the ledger says of it, for
 * {@link Matcher#settledReference}.
 */
public record SettledInvoice(long id, String invoiceNo, long customerId, String currency, InvoiceStatus status) {
}
