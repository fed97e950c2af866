package org.reskontro.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** A customer account in the ledger. */
public record Customer(
        String customerNo,
        String name,
        String orgNo,
        Country country,
        String currency,
        Language language,
        String email,
        PostalAddress address,
        CustomerType type,
        BigDecimal creditLimit,
        boolean reminderFeeAgreed,
        Hold hold) {

    public Customer {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
    }

    /** A postal address. */
    public record PostalAddress(String street, String postalCode, String city) {
    }

    /** A dunning hold (dispute, payment plan) with its reason and the day it ends (inclusive). */
    public record Hold(String reason, LocalDate until) {
        public boolean activeOn(LocalDate date) {
            return until == null || !date.isAfter(until);
        }
    }
}
