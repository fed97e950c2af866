package org.reskontro.ledger;

import java.util.Locale;

/** The languages letters are written in. */
public enum Language {
    NB(Locale.forLanguageTag("nb-NO")), SV(Locale.forLanguageTag("sv-SE")), EN(Locale.forLanguageTag("en-GB"));

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Language parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "nb", "no", "nn" -> NB;
            case "sv", "se" -> SV;
            case "en" -> EN;
            default -> throw new IllegalArgumentException("unknown language '" + value + "' (nb, sv or en)");
        };
    }
}
