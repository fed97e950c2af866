package org.reskontro.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * Money helpers. Amounts are {@link BigDecimal} at the currency's scale; nothing here ever goes through a
 * float or a double.
 */
public final class Money {

    private Money() {
    }

    /** The number of minor-unit digits of a currency (2 for NOK, SEK, EUR). */
    public static int scale(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    /**
     * Parses a plain decimal such as {@code 1500}, {@code -25.5} or {@code 1500.00}. A decimal point only,
     * no thousands separators, no exponent; more decimals than the currency has is an error rather than a
     * silent rounding.
     */
    public static BigDecimal parse(String text, String currency) {
        Objects.requireNonNull(text, "amount");
        String s = text.trim();
        if (!s.matches("-?\\d{1,15}(\\.\\d+)?")) {
            throw new IllegalArgumentException("not an amount: '" + text + "' (digits with a decimal point, e.g. 1500.00)");
        }
        BigDecimal value = new BigDecimal(s);
        int scale = scale(currency);
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount '" + text + "' has more than " + scale + " decimals for " + currency);
        }
    }

    /** Normalises an amount to the currency's scale, refusing to round away non-zero digits. */
    public static BigDecimal of(BigDecimal amount, String currency) {
        return amount.setScale(scale(currency), RoundingMode.UNNECESSARY);
    }

    /**
     * The amount at its currency's scale when that loses nothing; otherwise as written, without trailing zeros (a
     * bank amount with fractions of a minor unit is shown as the bank wrote it, never rounded).
     */
    public static BigDecimal atScaleIfExact(BigDecimal amount, String currency) {
        try {
            return of(amount, currency);
        } catch (ArithmeticException e) {
            return amount.stripTrailingZeros();
        }
    }

    /** Formats for machines: plain notation, currency scale. */
    public static String plain(BigDecimal amount) {
        return amount.toPlainString();
    }
}
