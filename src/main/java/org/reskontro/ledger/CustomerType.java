package org.reskontro.ledger;

import java.util.Locale;

/** Consumers and businesses are treated differently by the dunning rules. */
public enum CustomerType {
    CONSUMER, BUSINESS;

    public static CustomerType parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown customer type '" + value + "' (consumer or business)");
        }
    }
}
