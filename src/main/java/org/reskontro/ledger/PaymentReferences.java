package org.reskontro.ledger;

import org.reskontro.common.CheckDigits;

/**
 * Generates and checks payment references. A Norwegian invoice gets a KID, a Swedish one an OCR number,
 * both built from the customer number and the invoice number so that a person can read them back.
 */
public final class PaymentReferences {

    private final ReferenceScheme norway;
    private final ReferenceScheme sweden;

    public PaymentReferences(ReferenceScheme norway, ReferenceScheme sweden) {
        this.norway = norway;
        this.sweden = sweden;
    }

    /** The reference for an invoice of a customer in the given country. */
    public String generate(Country country, String customerNo, String invoiceNo) {
        String base = pad(digits(customerNo), 6) + pad(digits(invoiceNo), 8);
        ReferenceScheme scheme = country == Country.SE ? sweden : norway;
        return switch (scheme) {
            case KID_MOD10 -> base + CheckDigits.mod10(base);
            case KID_MOD11 -> base + CheckDigits.mod11(base);
            case OCR_LENGTH -> {
                String withLength = base + (base.length() + 2) % 10;
                yield withLength + CheckDigits.mod10(withLength);
            }
            case RF -> CheckDigits.rf(base);
        };
    }

    /** The result of checking a reference's check digit. */
    public enum Validity { KID_MOD10, KID_MOD11, OCR_LENGTH, RF, INVALID }

    /** Which scheme, if any, the reference satisfies (MOD10 first when both hold). */
    public static Validity check(String reference) {
        if (reference == null || reference.isBlank()) {
            return Validity.INVALID;
        }
        String r = reference.replace(" ", "");
        if (r.regionMatches(true, 0, "RF", 0, 2)) {
            return CheckDigits.isRf(r) ? Validity.RF : Validity.INVALID;
        }
        if (CheckDigits.isLuhn(r)) {
            return CheckDigits.isSwedishOcrWithLength(r) ? Validity.OCR_LENGTH : Validity.KID_MOD10;
        }
        if (CheckDigits.isMod11(r)) {
            return Validity.KID_MOD11;
        }
        return Validity.INVALID;
    }

    public static boolean isValid(String reference) {
        return check(reference) != Validity.INVALID;
    }

    private static String digits(String s) {
        String d = CheckDigits.digitsOf(s);
        return d.isEmpty() ? "0" : d;
    }

    private static String pad(String digits, int width) {
        if (digits.length() >= width) {
            return digits.substring(digits.length() - width);
        }
        return "0".repeat(width - digits.length()) + digits;
    }
}
