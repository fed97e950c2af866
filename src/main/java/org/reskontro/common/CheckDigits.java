package org.reskontro.common;

import java.math.BigInteger;

/**
 * Check-digit schemes used by Norwegian and Swedish payment references and organisation numbers.
 * All methods are pure; invalid input returns {@code false} rather than throwing.
 */
public final class CheckDigits {

    private static final int[] MOD11_WEIGHTS = {2, 3, 4, 5, 6, 7};
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private CheckDigits() {
    }

    /**
     * The ASCII digits of a text, in order ({@code ""} for none or {@code null}): what {@code s.replaceAll("[^0-9]", "")}
     * gives, without compiling a pattern on every call (the matching job asks this of every payment).
     */
    public static String digitsOf(CharSequence s) {
        if (s == null) {
            return "";
        }
        StringBuilder d = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                d.append(c);
            }
        }
        return d.toString();
    }

    /** The Luhn (MOD10) check digit for the given digits. */
    public static char mod10(CharSequence digits) {
        int sum = 0;
        boolean twice = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digit(digits.charAt(i));
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /**
     * The MOD11 check character for the given digits, weights 2..7 from the right: {@code '-'} where the
     * remainder gives 10 (KID), or 0 where it gives 11.
     */
    public static char mod11(CharSequence digits) {
        int sum = 0;
        int w = 0;
        for (int i = digits.length() - 1; i >= 0; i--) {
            sum += digit(digits.charAt(i)) * MOD11_WEIGHTS[w];
            w = (w + 1) % MOD11_WEIGHTS.length;
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            return '0';
        }
        return check == 10 ? '-' : (char) ('0' + check);
    }

    /** MOD11 for organisation numbers (weights 3,2,7,6,5,4,3,2): a remainder giving 10 means invalid. */
    public static boolean isNorwegianOrgNo(String value) {
        if (value == null || !value.matches("\\d{9}")) {
            return false;
        }
        int[] weights = {3, 2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += digit(value.charAt(i)) * weights[i];
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digit(value.charAt(8));
    }

    /** Swedish organisation or personal identity number (10 digits, Luhn), with or without the dash. */
    public static boolean isSwedishOrgNo(String value) {
        if (value == null) {
            return false;
        }
        String digits = value.replace("-", "");
        if (digits.length() == 12 && (digits.startsWith("16") || digits.startsWith("19") || digits.startsWith("20"))) {
            digits = digits.substring(2);
        }
        if (!digits.matches("\\d{10}")) {
            return false;
        }
        return isLuhn(digits);
    }

    /** True when the last digit is the Luhn check digit of the others. */
    public static boolean isLuhn(String digits) {
        if (digits == null || digits.length() < 2 || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return mod10(digits.substring(0, digits.length() - 1)) == digits.charAt(digits.length() - 1);
    }

    /** True when the last character is the MOD11 check character ('-' for 10) of the digits before it. */
    public static boolean isMod11(String kid) {
        if (kid == null || kid.length() < 2) {
            return false;
        }
        String body = kid.substring(0, kid.length() - 1);
        if (!body.chars().allMatch(Character::isDigit)) {
            return false;
        }
        char last = kid.charAt(kid.length() - 1);
        return mod11(body) == last;
    }

    /** ISO 11649 creditor reference ("RF" + 2 check digits + up to 21 alphanumerics), spaces allowed. */
    public static boolean isRf(String reference) {
        if (reference == null) {
            return false;
        }
        String r = reference.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (!r.matches("RF\\d{2}[A-Z0-9]{1,21}")) {
            return false;
        }
        String rearranged = r.substring(4) + r.substring(0, 4);
        return mod97(rearranged) == 1;
    }

    /** Builds an RF reference for the given alphanumeric base. */
    public static String rf(String base) {
        String b = base.toUpperCase(java.util.Locale.ROOT);
        if (!b.matches("[A-Z0-9]{1,21}")) {
            throw new IllegalArgumentException("RF reference base must be 1-21 letters or digits: " + base);
        }
        int check = 98 - mod97(b + "RF00");
        return "RF" + (check < 10 ? "0" : "") + check + b;
    }

    private static int mod97(String alnum) {
        StringBuilder numeric = new StringBuilder(alnum.length() * 2);
        for (int i = 0; i < alnum.length(); i++) {
            char c = alnum.charAt(i);
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue();
    }

    /**
     * Swedish OCR number with a length digit: the second-to-last digit is the length (including both
     * control digits) modulo 10, the last is the Luhn digit over everything before it.
     */
    public static boolean isSwedishOcrWithLength(String ocr) {
        if (ocr == null || ocr.length() < 3 || !isLuhn(ocr)) {
            return false;
        }
        return digit(ocr.charAt(ocr.length() - 2)) == ocr.length() % 10;
    }

    private static int digit(char c) {
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("not a digit: " + c);
        }
        return c - '0';
    }
}
