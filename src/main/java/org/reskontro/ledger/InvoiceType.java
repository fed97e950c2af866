package org.reskontro.ledger;

import java.util.Locale;

/** What kind of open item a document is. */
public enum InvoiceType {
    INVOICE, CREDIT_NOTE, OPENING_BALANCE;

    public static InvoiceType parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown type '" + value + "' (invoice, credit_note or opening_balance)");
        }
    }

    /** The posting type that books this document. */
    public PostingType postingType() {
        return switch (this) {
            case INVOICE -> PostingType.INVOICE;
            case CREDIT_NOTE -> PostingType.CREDIT_NOTE;
            case OPENING_BALANCE -> PostingType.OPENING_BALANCE;
        };
    }
}
