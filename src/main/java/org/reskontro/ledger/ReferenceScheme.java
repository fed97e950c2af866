package org.reskontro.ledger;

/** How payment references are generated for invoices that come without one. */
public enum ReferenceScheme {
    /** Norwegian KID with a Luhn check digit. */
    KID_MOD10,
    /** Norwegian KID with a MOD11 check character ('-' for 10). */
    KID_MOD11,
    /** Swedish OCR number with a length digit and a Luhn check digit. */
    OCR_LENGTH,
    /** ISO 11649 structured creditor reference. */
    RF
}
