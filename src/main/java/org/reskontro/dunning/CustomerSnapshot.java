package org.reskontro.dunning;

import java.util.List;

import org.reskontro.ledger.Country;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.CustomerType;
import org.reskontro.ledger.Language;

/** A customer and its overdue items on the business date: everything the decide function looks at. */
public record CustomerSnapshot(long customerId, String customerNo, String name, String orgNo, Country country,
                               String currency, Language language, String email, boolean emailInvalid,
                               Customer.PostalAddress address, CustomerType type, boolean reminderFeeAgreed,
                               Customer.Hold hold, List<OverdueItem> items) {

    public CustomerSnapshot {
        items = List.copyOf(items);
    }

    public boolean hasValidEmail() {
        return email != null && !email.isBlank() && !emailInvalid;
    }
}
