package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.reskontro.ledger.OpenItem;

/** The hand-made index of the pure matching tests, and their assertions on a decision. */
final class SmallIndex {

    private SmallIndex() {
    }

    /** Customers 1 (10001, Byggmester Hansen AS) and 2 (10002, Fjordkraft Elektro AS), no invoices yet. */
    static MatchIndex twoCustomers() {
        MatchIndex idx = new MatchIndex();
        idx.addCustomer(1, "10001", "Byggmester Hansen AS", "914778271");
        idx.addCustomer(2, "10002", "Fjordkraft Elektro AS", "969012480");
        return idx;
    }

    /** An open NOK invoice of principal only. */
    static void invoice(MatchIndex idx, long id, long customer, String no, String ref, String amount, int day) {
        idx.addInvoice(new OpenInvoice(id, customer, no, ref, "NOK", LocalDate.of(2024, 4, day),
                new OpenItem(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal(amount))));
    }

    static Decision.Matched matched(Decision d) {
        assertThat(d).as(String.valueOf(d)).isInstanceOf(Decision.Matched.class);
        return (Decision.Matched) d;
    }

    static Decision.Unmatched open(Decision d) {
        assertThat(d).as(String.valueOf(d)).isInstanceOf(Decision.Unmatched.class);
        return (Decision.Unmatched) d;
    }
}
