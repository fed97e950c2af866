package org.reskontro.letters.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.reskontro.common.Money;
import org.reskontro.ledger.Country;

/**
 * Formatting for templates, in the letter's locale ({@code ${fmt.amount(x)}}, {@code ${fmt.date(d)}}): amounts
 * {@code 1 234,50} (nb-NO, sv-SE) or {@code 1,234.50} (en-GB), dates {@code 30.04.2024}, {@code 2024-04-30} or
 * {@code 30/04/2024}. Not thread-safe: the renderer keeps one per thread for each language and currency.
 */
public final class LetterFormat {

    private final Locale locale;
    private final String currency;
    private final DecimalFormat amount;
    private final DecimalFormat percent;
    private final DateTimeFormatter shortDate;
    private final DateTimeFormatter longDate;

    public LetterFormat(Locale locale, String currency) {
        this.locale = locale;
        this.currency = currency == null ? "NOK" : currency;
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        // the standard PDF fonts have no U+2212 minus; a narrow no-break space would not print either
        symbols.setMinusSign('-');
        if (symbols.getGroupingSeparator() == '\u202f') {
            symbols.setGroupingSeparator('\u00a0');
        }
        int scale = Money.scale(this.currency);
        this.amount = new DecimalFormat(scale == 0 ? "#,##0" : "#,##0." + "0".repeat(scale), symbols);
        this.amount.setRoundingMode(RoundingMode.UNNECESSARY);
        this.percent = new DecimalFormat("0.00##", symbols);
        this.shortDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale);
        this.longDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    }

    /** {@code 1 234,50}: grouped, at the currency's scale. */
    public String amount(BigDecimal value) {
        return value == null ? "" : amount.format(value.setScale(amount.getMinimumFractionDigits(), RoundingMode.UNNECESSARY));
    }

    /** {@code 1 234,50 NOK}. */
    public String money(BigDecimal value) {
        return amount(value) + "\u00a0" + currency;
    }

    public String currency() {
        return currency;
    }

    /** {@code 12,50 %} (nb, sv) or {@code 12.50%} (en). */
    public String percent(BigDecimal value) {
        if (value == null) {
            return "";
        }
        String n = percent.format(value);
        return "en".equals(locale.getLanguage()) ? n + "%" : n + "\u00a0%";
    }

    /** The short date of the locale: {@code 30.04.2024}, {@code 2024-04-30}, {@code 30/04/2024}. */
    public String date(LocalDate date) {
        return date == null ? "" : shortDate.format(date);
    }

    /** The long date of the locale: {@code 30. april 2024}, {@code 30 april 2024}, {@code 30 April 2024}. */
    public String longDate(LocalDate date) {
        return date == null ? "" : longDate.format(date);
    }

    /** What the payment reference is called: KID (Norway), OCR (Sweden) or RF (international). */
    public String referenceLabel(String reference, Country country) {
        if (reference != null && reference.regionMatches(true, 0, "RF", 0, 2)) {
            return "RF";
        }
        return country == Country.SE ? "OCR" : "KID";
    }

    /** {@code KID 00010001000000038}, {@code OCR 1234...}, or an RF reference as it is ({@code RF71 2348 231}). */
    public String labelledReference(String reference, Country country) {
        if (reference == null || reference.isBlank()) {
            return "";
        }
        String label = referenceLabel(reference, country);
        return "RF".equals(label) ? reference(reference) : label + " " + reference(reference);
    }

    /** A reference in groups for reading: RF references in groups of four, others as they are. */
    public String reference(String reference) {
        if (reference == null) {
            return "";
        }
        if (!reference.regionMatches(true, 0, "RF", 0, 2)) {
            return reference;
        }
        String s = reference.replace(" ", "");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i += 4) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(s, i, Math.min(s.length(), i + 4));
        }
        return sb.toString();
    }
}
