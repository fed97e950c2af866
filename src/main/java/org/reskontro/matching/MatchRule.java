package org.reskontro.matching;

/** The rule that produced a match, stored in {@code bank_transaction.match_rule}. */
public enum MatchRule {
    /** Rule 1: a KID, OCR or RF reference with a valid check digit equal to an open invoice's reference. */
    REFERENCE,
    /** Rule 2: invoice numbers named in the free text. */
    INVOICE_NO,
    /** Rule 3: payer identified and the amount equal to exactly one of the customer's open items. */
    PAYER_AMOUNT,
    /** Rule 4: the payer identified and an exact, unique subset of the customer's open items. */
    COMBINED_SUBSET,
    /**
     * Rule 7: a valid structured reference of an invoice already settled (paid twice, or paid after a credit note),
     * with no other evidence pointing elsewhere: the payment is kept on that customer's account.
     */
    SETTLED_REFERENCE,
    /** A person assigned the transaction to invoices. */
    MANUAL,
    /** A person put the transaction on a customer's account. */
    MANUAL_ON_ACCOUNT,
    /** A debit that returns an earlier payment. */
    REVERSAL
}
