package org.reskontro.operations.cli;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Formats amounts for terminal tables: {@code 125 000.00}; digits beyond the second decimal only when not zero. */
final class Amounts {

    private Amounts() {
    }

    static String format(BigDecimal amount) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(' ');
        DecimalFormat f = new DecimalFormat("#,##0.00", symbols);
        f.setParseBigDecimal(true);
        // never rounded: a bank amount with fractions of a minor unit shows them all
        f.setMaximumFractionDigits(Math.max(2, amount.stripTrailingZeros().scale()));
        return f.format(amount);
    }
}
