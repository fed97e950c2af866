package org.reskontro.ledger;

/**
 * The kinds of entry in the append-only posting journal. A positive amount increases what the customer
 * owes, a negative one decreases it. A REVERSAL takes back the posting it names; a REFUND pays money on account
 * (the unallocated part of the PAYMENT it names) back to the customer.
 */
public enum PostingType {
    OPENING_BALANCE, INVOICE, PAYMENT, CREDIT_NOTE, FEE, INTEREST, WRITE_OFF, REVERSAL, REFUND
}
