package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.common.CheckDigits;
import org.reskontro.ledger.OpenItem;

/**
 * Routing for partitioned matching (docs/scaling.md): a payment goes to a customer's partition only when nothing the
 * matcher could look at belongs to another customer; an account learned in the run serves only its own customer.
 */
class MatchRouterTest {

    static final String KID1 = kid("1000010000001"); // invoice 1 of customer 1
    static final String KID3 = kid("1000020000003"); // invoice 3 of customer 2

    MatchIndex idx;
    MatchRouter router = new MatchRouter();
    Matcher matcher = new Matcher(MatchPolicy.DEFAULT);

    static String kid(String base) {
        return base + CheckDigits.mod10(base);
    }

    @BeforeEach
    void setUp() {
        idx = SmallIndex.twoCustomers();
        invoice(1, 1, "2024-001", KID1, "1000.00");
        invoice(3, 2, "2024-003", KID3, "700.00");
        idx.learnAccount("1503.11.22222", 1); // paid for customer 1 before the run
    }

    void invoice(long id, long customer, String no, String ref, String amount) {
        idx.addInvoice(new OpenInvoice(id, customer, no, ref, "NOK", LocalDate.of(2024, 4, 1),
                new OpenItem(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal(amount))));
    }

    static BankPayment pay(String amount, String ref, String payer, String account, String text) {
        return new BankPayment(100, new BigDecimal(amount), "NOK", LocalDate.of(2024, 4, 20), ref, null, null, payer,
                account, text, false);
    }

    @Test
    void aReferenceAloneRoutesToItsInvoicesCustomer() {
        assertThat(router.route(pay("1000.00", KID1, null, null, null), idx)).isEqualTo(1L);
        assertThat(router.route(pay("700.00", KID3, "Fjordkraft Elektro AS", null, "faktura 2024-003"), idx))
                .isEqualTo(2L);
    }

    @Test
    void evidenceForTwoCustomersOrNoneLeavesThePaymentToTheSerialPhase() {
        // the reference is customer 1's, the invoice number in the text customer 2's
        assertThat(router.route(pay("1000.00", KID1, null, null, "faktura 2024-003"), idx)).isNull();
        // customer 1's account, customer 2's name
        assertThat(router.route(pay("700.00", null, "Fjordkraft Elektro AS", "1503.11.22222", null), idx)).isNull();
        assertThat(router.route(pay("700.00", null, "Somebody Else", null, "thanks"), idx)).isNull();
        // money out of the account may reverse any customer's payment
        assertThat(router.route(pay("-1000.00", KID1, null, null, "retur"), idx)).isNull();
    }

    @Test
    void anInvoiceSettledDuringTheRunStillRoutesItsReference() {
        idx.invoice(1).setOpen(OpenItem.NONE);
        assertThat(router.route(pay("1000.00", KID1, null, null, null), idx)).isEqualTo(1L);
    }

    @Test
    void aBrokenReferenceRoutesByTheInvoicesOneDigitAway() {
        String broken = KID3.substring(0, KID3.length() - 1) + (KID3.charAt(KID3.length() - 1) == '0' ? '1' : '0');
        assertThat(router.candidates(pay("700.00", broken, null, null, null), idx)).contains(2L);
    }

    @Test
    void anAccountLearnedInThePartitionServesOnlyItsOwnCustomer() {
        idx.learnOnlyWithinCustomer();
        // customer 1's payment from a new account is matched; the account is learned for customer 1
        idx.focus(1L);
        idx.learnAccount("1111.22.33333", 1);
        assertThat(idx.customerByAccount("1111.22.33333")).isEqualTo(1L);
        // a later payment from that account, routed to customer 2 by its name: the account does not count there
        BankPayment p = pay("700.00", null, "Fjordkraft Elektro AS", "1111.22.33333", null);
        assertThat(router.route(p, idx)).isEqualTo(2L);
        idx.focus(router.route(p, idx));
        assertThat(idx.customerByAccount("1111.22.33333")).isNull();
        Decision d = matcher.decide(p, idx);
        assertThat(d).as(String.valueOf(d)).isInstanceOf(Decision.Matched.class);
        assertThat(((Decision.Matched) d).customerId()).isEqualTo(2L);
        // accounts known before the run still count for everybody
        assertThat(idx.customerByAccount("1503.11.22222")).isEqualTo(1L);
    }
}
