package org.reskontro.operations.cli;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Formats amounts for terminal tables: {@code 125 000.00}. */
final class Amounts {

    private Amounts() {
    }

    static String format(BigDecimal amount) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(' ');
        DecimalFormat f = new DecimalFormat("#,##0.00", symbols);
        f.setParseBigDecimal(true);
        return f.format(amount);
    }
}
