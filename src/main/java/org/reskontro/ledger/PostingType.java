package org.reskontro.ledger;

/**
 * The kinds of entry in the append-only posting journal. A positive amount increases what the customer
 * owes, a negative one decreases it.
 */
public enum PostingType {
    OPENING_BALANCE, INVOICE, PAYMENT, CREDIT_NOTE, FEE, INTEREST, WRITE_OFF, REVERSAL
}
