package org.reskontro.ledger;

/** The countries whose legal rules reskontro knows. */
public enum Country {
    NO, SE;

    public static Country parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown country '" + value + "' (NO or SE)");
        }
    }
}
