package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reskontro.matching.MatcherTest.kid;
import static org.reskontro.matching.MatcherTest.pay;
import static org.reskontro.matching.SmallIndex.open;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.ledger.InvoiceStatus;
import org.reskontro.ledger.PaymentReferences;

/** Rule 7: a valid reference of an invoice no longer open, and each reason it is left to a person instead. */
class SettledReferenceTest {

    static final String KID3 = MatcherTest.KID3; // customer 2's open invoice 2024-003
    static final String PAID = kid("1000010000007"); // customer 1's invoice 2023-007, paid before the run

    MatchIndex idx;
    Matcher matcher = new Matcher(MatchPolicy.DEFAULT);

    @BeforeEach
    void setUp() {
        idx = SmallIndex.twoCustomers();
        SmallIndex.invoice(idx, 2, 1, "2024-002", MatcherTest.KID2, "2500.00", 2);
        SmallIndex.invoice(idx, 3, 2, "2024-003", KID3, "1000.00", 3);
        idx.learnAccount("1503.11.22222", 1);
    }

    static List<SettledInvoice> ledger(long customer, InvoiceStatus status, String currency) {
        return List.of(new SettledInvoice(7, "2023-007", customer, currency, status));
    }

    /** The pipeline, then rule 7 with what the ledger holds under the reference the job would ask about. */
    Decision decide(BankPayment p, List<SettledInvoice> ledger, Long onlyCustomer) {
        Decision d = matcher.decide(p, idx);
        assertThat(d).as("the pipeline leaves it open").isInstanceOf(Decision.Unmatched.class);
        assertThat(Matcher.referencesToLookUp(p, idx)).containsExactly(Keys.reference(p.reference()));
        return matcher.settledReference(p, idx, (Decision.Unmatched) d,
                java.util.Map.of(Keys.reference(p.reference()), ledger), onlyCustomer);
    }

    @Test
    void aSecondPaymentOfAPaidInvoiceIsKeptOnItsCustomersAccount() {
        Decision d = decide(pay("1000.00", PAID, "Someone", null, null), ledger(1, InvoiceStatus.PAID, "NOK"), null);
        assertThat(d).isInstanceOf(Decision.Matched.class);
        Decision.Matched m = (Decision.Matched) d;
        assertThat(m.rule()).isEqualTo(MatchRule.SETTLED_REFERENCE);
        assertThat(m.customerId()).isEqualTo(1);
        assertThat(m.invoiceIds()).as("no invoice: all of it on account").isEmpty();
        assertThat(m.evidence()).contains(PAID).contains("2023-007").contains("customer 10001").contains("already paid")
                .contains("kept on the customer's account");
    }

    @Test
    void aPaymentOfACreditedInvoiceAndOneByTheCustomersOwnAccountToo() {
        Decision d = decide(pay("1000.00", PAID, null, "1503.11.22222", null), ledger(1, InvoiceStatus.CREDITED, "NOK"),
                1L);
        assertThat(((Decision.Matched) d).evidence()).contains("already credited");
    }

    @Test
    void anInvoicePaidEarlierInTheSameRunIsKnownFromTheIndex() {
        Decision first = matcher.decide(pay("1000.00", KID3, null, null, null), idx);
        idx.apply((Decision.Matched) first, new BigDecimal("1000.00"));
        BankPayment again = pay("1000.00", KID3, null, null, null);
        Decision d = matcher.decide(again, idx);
        assertThat(Matcher.referencesToLookUp(again, idx)).as("nothing to ask the ledger").isEmpty();
        Decision.Matched m = (Decision.Matched) matcher.settledReference(again, idx, open(d), java.util.Map.of(), null);
        assertThat(m.customerId()).isEqualTo(2);
        assertThat(m.evidence()).contains("2024-003").contains("already paid");
    }

    @Test
    void theAccountOrTheNameOfAnotherCustomerLeavesItOpen() {
        assertThat(open(decide(pay("1000.00", PAID, null, "1503.11.22222", null), ledger(2, InvoiceStatus.PAID, "NOK"),
                null)).reason()).contains("already paid, but the payment also points to customer 10001");
        assertThat(open(decide(pay("1000.00", PAID, "Byggmester Hansen AS", null, null),
                ledger(2, InvoiceStatus.PAID, "NOK"), null)).reason()).contains("also points to customer 10001");
    }

    @Test
    void aReferenceInTheTextThatTheLedgerKnowsForAnotherCustomerLeavesItOpen() {
        String other = kid("1000020000009");
        BankPayment p = pay("1000.00", PAID, null, null, "og " + other);
        Decision.Unmatched u = open(matcher.decide(p, idx));
        assertThat(Matcher.referencesToLookUp(p, idx)).containsExactly(PAID, other);
        java.util.Map<String, List<SettledInvoice>> ledger = java.util.Map.of(PAID, ledger(1, InvoiceStatus.PAID, "NOK"),
                other, List.of(new SettledInvoice(9, "2023-009", 2, "NOK", InvoiceStatus.PAID)));
        assertThat(open(matcher.settledReference(p, idx, u, ledger, null)).reason())
                .contains("2023-007").contains("2023-009").contains("of different customers, none of them open");
    }

    @Test
    void aPaidInvoicesReferenceWrittenInTheMessageCountsToo() {
        BankPayment p = pay("1000.00", null, null, null, "KID " + PAID);
        Decision.Unmatched u = open(matcher.decide(p, idx));
        assertThat(Matcher.referencesToLookUp(p, idx)).containsExactly(PAID);
        Decision.Matched m = (Decision.Matched) matcher.settledReference(p, idx, u,
                java.util.Map.of(PAID, ledger(1, InvoiceStatus.PAID, "NOK")), null);
        assertThat(m.customerId()).isEqualTo(1);

        Decision first = matcher.decide(pay("1000.00", KID3, null, null, null), idx);
        idx.apply((Decision.Matched) first, new BigDecimal("1000.00"));
        BankPayment again = pay("1000.00", null, null, null, "betaling " + KID3);
        Decision.Matched tonight = (Decision.Matched) matcher.settledReference(again, idx, open(matcher.decide(again, idx)),
                java.util.Map.of(), null);
        assertThat(tonight.customerId()).isEqualTo(2);
        assertThat(tonight.evidence()).contains("2024-003 (customer 10002) is already paid");
    }

    @Test
    void inAPartitionOnlyTheCustomerItWasRoutedToIsDecided() {
        assertThat(open(decide(pay("1000.00", PAID, null, null, null), ledger(1, InvoiceStatus.PAID, "NOK"), 2L))
                .reason()).contains("also points to customer 10002");
    }

    @Test
    void aReferenceOneSwapFromAnotherCustomersOpenInvoiceLeavesItOpen() {
        String openRef = kid("5550900000001");
        String swapped = "55590" + openRef.substring(5); // 0 and 9 swapped: the MOD10 check digit cannot tell
        assertThat(PaymentReferences.isValid(swapped)).isTrue();
        SmallIndex.invoice(idx, 4, 2, "2024-004", openRef, "1000.00", 4);
        Decision.Unmatched u = open(decide(pay("1000.00", swapped, null, null, null),
                ledger(1, InvoiceStatus.PAID, "NOK"), null));
        assertThat(u.reason()).contains("also points to customer 10002");
        assertThat(u.suggestions()).extracting(Suggestion::invoiceNo).containsExactly("2024-004");
    }

    @Test
    void aWrittenOffInvoiceAnotherCurrencyOrTwoCustomersAreLeftToAPerson() {
        BankPayment p = pay("1000.00", PAID, null, null, null);
        assertThat(open(decide(p, ledger(1, InvoiceStatus.WRITTEN_OFF, "NOK"), null)).reason())
                .contains("written off as a loss");
        assertThat(open(decide(p, ledger(1, InvoiceStatus.PAID, "SEK"), null)).reason()).contains("is in SEK");
        List<SettledInvoice> two = List.of(new SettledInvoice(7, "2023-007", 1, "NOK", InvoiceStatus.PAID),
                new SettledInvoice(8, "2023-008", 2, "NOK", InvoiceStatus.PAID));
        assertThat(open(decide(p, two, null)).reason()).contains("2023-007, 2023-008 of different customers");
    }

    @Test
    void anInvoiceTheLedgerHoldsOpenOrNothingAtAllLeavesTheDecisionAsItWas() {
        BankPayment p = pay("1000.00", PAID, null, null, null);
        Decision.Unmatched before = open(matcher.decide(p, idx));
        assertThat(matcher.settledReference(p, idx, before, java.util.Map.of(PAID, ledger(1, InvoiceStatus.OPEN, "NOK")),
                null)).isSameAs(before);
        assertThat(matcher.settledReference(p, idx, before, java.util.Map.of(), null)).isSameAs(before);
    }
}
