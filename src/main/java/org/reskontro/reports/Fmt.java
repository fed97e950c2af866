package org.reskontro.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Display formats shared by the renderers: amounts as {@code 275 000.00}, whole percents rounded half-up. */
public final class Fmt {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Fmt() {
    }

    /** {@code 275000} as {@code 275 000.00}. */
    public static String amount(BigDecimal amount) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(' ');
        DecimalFormat f = new DecimalFormat("#,##0.00", symbols);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(amount);
    }

    /** The share of {@code part} in {@code whole} in whole percent, half-up; null when the whole is zero. */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (whole == null || whole.signum() == 0) {
            return null;
        }
        return part.multiply(HUNDRED).divide(whole, 0, RoundingMode.HALF_UP);
    }

    /** {@code 47 %}, or {@code n/a} when the share is undefined. */
    public static String percentText(BigDecimal percent) {
        return percent == null ? "n/a" : percent.toPlainString() + " %";
    }

    /** A CSV field, quoted when needed. */
    public static String csv(String s) {
        return org.reskontro.common.Texts.csvField(s);
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Cuts text to a column width for terminal tables. */
    public static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
