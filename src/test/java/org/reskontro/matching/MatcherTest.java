package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reskontro.matching.SmallIndex.matched;
import static org.reskontro.matching.SmallIndex.open;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.common.CheckDigits;
import org.reskontro.ledger.OpenItem;

/** The rules one by one, and each refusal, on a small hand-made index. */
class MatcherTest {

    static final String KID1 = kid("1000010000001"); // invoice 1 of customer 1
    static final String KID2 = kid("1000010000002");
    static final String KID3 = kid("1000020000003"); // customer 2

    MatchIndex idx;
    Matcher matcher = new Matcher(MatchPolicy.DEFAULT);

    static String kid(String base) {
        return base + CheckDigits.mod10(base);
    }

    @BeforeEach
    void setUp() {
        idx = SmallIndex.twoCustomers();
        idx.addCustomer(3, "10003", "Fjordkraft Elektro AS", null); // same name: a name never decides for either
        invoice(1, 1, "2024-001", KID1, "1000.00", 1);
        invoice(2, 1, "2024-002", KID2, "2500.00", 2);
        invoice(3, 2, "2024-003", KID3, "1000.00", 3);
        idx.learnAccount("1503.11.22222", 1);
    }

    void invoice(long id, long customer, String no, String ref, String amount, int day) {
        idx.addInvoice(new OpenInvoice(id, customer, no, ref, "NOK", LocalDate.of(2024, 4, day),
                new OpenItem(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal(amount))));
    }

    static BankPayment pay(String amount, String ref, String payer, String account, String text) {
        return new BankPayment(100, new BigDecimal(amount), "NOK", LocalDate.of(2024, 4, 20), ref, null, null, payer,
                account, text, false);
    }

    @Test
    void rule1AValidReferenceMatchesItsInvoice() {
        Decision.Matched m = matched(matcher.decide(pay("1000.00", KID1, "Someone", null, null), idx));
        assertThat(m.rule()).isEqualTo(MatchRule.REFERENCE);
        assertThat(m.invoiceIds()).containsExactly(1L);
        assertThat(m.writeOff()).isEqualByComparingTo("0");
        assertThat(m.evidence()).contains(KID1).contains("2024-001");
    }

    @Test
    void theWriteOffToleranceIsPerCurrency() {
        String kidEur = kid("1000010000009");
        idx.addInvoice(new OpenInvoice(9, 1, "2024-009", kidEur, "EUR", LocalDate.of(2024, 4, 9),
                new OpenItem(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("1000.00"))));
        Matcher perCurrency = new Matcher(new MatchPolicy(new BigDecimal("25.00"),
                java.util.Map.of("EUR", new BigDecimal("2.50")), 16, 5));
        BankPayment eurShort3 = new BankPayment(100, new BigDecimal("997.00"), "EUR", LocalDate.of(2024, 4, 20), kidEur,
                null, null, null, null, null, false);
        Decision.Matched eur = matched(perCurrency.decide(eurShort3, idx));
        assertThat(eur.writeOff()).as("3.00 EUR is more than the EUR tolerance: a partial payment").isEqualByComparingTo("0");
        assertThat(eur.evidence()).contains("partial payment, 3.00 left open");
        Decision.Matched nok = matched(perCurrency.decide(pay("997.00", KID1, null, null, null), idx));
        assertThat(nok.writeOff()).isEqualByComparingTo("3.00");
        assertThat(nok.evidence()).contains("written off (tolerance 25.00 NOK)");
        assertThat(matched(matcher.decide(eurShort3, idx)).writeOff()).as("one tolerance for all")
                .isEqualByComparingTo("3.00");
    }

    @Test
    void aReferenceWithABrokenCheckDigitIsNeverMatchedButSuggested() {
        String broken = KID1.substring(0, KID1.length() - 1) + (char) ('0' + (KID1.charAt(KID1.length() - 1) - '0' + 1) % 10);
        Decision.Unmatched u = open(matcher.decide(pay("1000.00", broken, null, null, null), idx));
        assertThat(u.suggestions()).extracting(Suggestion::invoiceId).containsExactly(1L);
        assertThat(u.suggestions().get(0).why()).contains("broken check digit");
    }

    @Test
    void aReferenceOneDigitOffIsSuggestedNotMatched() {
        char[] c = KID1.toCharArray();
        c[3] = c[3] == '9' ? '8' : (char) (c[3] + 1);
        Decision.Unmatched u = open(matcher.decide(pay("1000.00", new String(c), null, null, null), idx));
        assertThat(u.suggestions()).extracting(Suggestion::invoiceId).contains(1L);
    }

    @Test
    void aBrokenReferenceDoesNotStopThePayerRuleWhenTheyAgree() {
        String broken = KID1.substring(0, 5) + ((KID1.charAt(5) - '0' + 1) % 10) + KID1.substring(6);
        Decision.Matched m = matched(matcher.decide(pay("1000.00", broken, null, "15031122222", null), idx));
        assertThat(m.rule()).isEqualTo(MatchRule.PAYER_AMOUNT);
        assertThat(m.invoiceIds()).containsExactly(1L);
    }

    @Test
    void aValidReferenceAgainstAKnownAccountOfAnotherCustomerIsRefused() {
        Decision.Unmatched u = open(matcher.decide(pay("1000.00", KID3, null, "15031122222", null), idx));
        assertThat(u.reason()).contains("different customers");
        assertThat(u.suggestions()).extracting(Suggestion::invoiceId).containsExactly(3L);
    }

    @Test
    void rule2InvoiceNumbersInTheTextToleratingSpacesDashesZerosAndPrefixes() {
        for (String text : List.of("Faktura 2024-001", "fakt nr 2024001", "FAKTURANR: 2024 001", "inv. 02024-001", "fakt 2024-0001", "Faktura 2024-1",
                "Betaling faktura 2024-001 takk")) {
            Decision.Matched m = matched(matcher.decide(pay("1000.00", null, null, null, text), idx));
            assertThat(m.rule()).as(text).isEqualTo(MatchRule.INVOICE_NO);
            assertThat(m.invoiceIds()).as(text).containsExactly(1L);
        }
    }

    @Test
    void rule4SeveralInvoicesNamedInTheText() {
        Decision.Matched m = matched(matcher.decide(pay("3500.00", null, null, null, "inv. 2024-001 og 2024-002"), idx));
        assertThat(m.invoiceIds()).containsExactly(1L, 2L);
    }

    @Test
    void invoiceNumbersOfTwoCustomersAreRefused() {
        Decision.Unmatched u = open(matcher.decide(pay("2000.00", null, null, null, "Faktura 2024-001 og 2024-003"), idx));
        assertThat(u.reason()).contains("different customers");
        assertThat(u.suggestions()).extracting(Suggestion::invoiceId).containsExactlyInAnyOrder(1L, 3L);
    }

    @Test
    void rule3KnownAccountAndAnAmountEqualToOneOpenItem() {
        Decision.Matched m = matched(matcher.decide(pay("2500.00", null, "X", "1503 11 22222", null), idx));
        assertThat(m.rule()).isEqualTo(MatchRule.PAYER_AMOUNT);
        assertThat(m.invoiceIds()).containsExactly(2L);
        assertThat(m.evidence()).contains("account seen before");
    }

    @Test
    void rule3OrganisationNumberInTheText() {
        Decision.Matched m = matched(matcher.decide(pay("1000.00", null, "Regnskapsbyrå", null, "for org.nr 914 778 271"), idx));
        assertThat(m.customerId()).isEqualTo(1L);
        assertThat(m.invoiceIds()).containsExactly(1L);
    }

    @Test
    void rule3CloseNameMatch() {
        Decision.Matched m = matched(matcher.decide(pay("2500.00", null, "HANSEN BYGGMESTER A/S", null, null), idx));
        assertThat(m.invoiceIds()).containsExactly(2L);
    }

    @Test
    void aNameSharedByTwoCustomersNeverDecides() {
        open(matcher.decide(pay("1000.00", null, "Fjordkraft Elektro AS", null, null), idx));
    }

    @Test
    void twoOpenItemsWithTheSameAmountAreRefused() {
        invoice(4, 1, "2024-004", kid("1000010000004"), "2500.00", 4);
        Decision.Unmatched u = open(matcher.decide(pay("2500.00", null, null, "15031122222", null), idx));
        assertThat(u.reason()).contains("several");
        assertThat(u.suggestions()).extracting(Suggestion::invoiceId).containsExactlyInAnyOrder(2L, 4L);
    }

    @Test
    void rule4AUniqueSubsetOfTheCustomersOpenItems() {
        invoice(4, 1, "2024-004", kid("1000010000004"), "700.00", 4);
        Decision.Matched m = matched(matcher.decide(pay("3200.00", null, null, "15031122222", null), idx));
        assertThat(m.rule()).isEqualTo(MatchRule.COMBINED_SUBSET);
        assertThat(m.invoiceIds()).containsExactlyInAnyOrder(2L, 4L);
    }

    @Test
    void twoSubsetsWithTheSameSumAreRefused() {
        invoice(4, 1, "2024-004", kid("1000010000004"), "1500.00", 4);
        invoice(5, 1, "2024-005", kid("1000010000005"), "2000.00", 5);
        // 1000 + 2500 = 3500 = 1500 + 2000
        Decision.Unmatched u = open(matcher.decide(pay("3500.00", null, null, "15031122222", null), idx));
        assertThat(u.reason()).contains("more than one combination");
    }

    @Test
    void rule5PartialPaymentKeepsTheRestOpen() {
        Decision.Matched m = matched(matcher.decide(pay("400.00", KID1, null, null, null), idx));
        assertThat(m.writeOff()).isEqualByComparingTo("0");
        assertThat(m.evidence()).contains("partial payment, 600.00 left open");
    }

    @Test
    void rule5OverpaymentKeepsTheExcessOnAccount() {
        Decision.Matched m = matched(matcher.decide(pay("1200.00", KID1, null, null, null), idx));
        assertThat(m.invoiceIds()).containsExactly(1L);
        assertThat(m.evidence()).contains("overpaid 200.00 kept on account");
    }

    @Test
    void rule6AShortfallWithinToleranceIsWrittenOff() {
        Decision.Matched m = matched(matcher.decide(pay("985.00", KID1, null, null, null), idx));
        assertThat(m.writeOff()).isEqualByComparingTo("15.00");
        Decision.Matched beyond = matched(matcher.decide(pay("974.99", KID1, null, null, null), idx));
        assertThat(beyond.writeOff()).isEqualByComparingTo("0");
    }

    @Test
    void debitsAreOutgoingOrReversals() {
        assertThat(matcher.decide(pay("-500.00", null, null, null, "Husleie"), idx)).isInstanceOf(Decision.Outgoing.class);
        BankPayment reversal = new BankPayment(1, new BigDecimal("-1000.00"), "NOK", null, KID1, null, null, null, null,
                null, true);
        assertThat(matcher.decide(reversal, idx)).isInstanceOf(Decision.Reversal.class);
        assertThat(matcher.decide(pay("-1000.00", null, null, null, "Retur betaling"), idx))
                .isInstanceOf(Decision.Reversal.class);
    }

    @Test
    void nothingToGoOnLeavesItOpen() {
        Decision.Unmatched u = open(matcher.decide(pay("1234.00", null, "Kari Nordmann", "999", "Gave"), idx));
        assertThat(u.suggestions()).isEmpty();
    }

    @Test
    void anAppliedMatchIsNotMatchedTwice() {
        Decision.Matched m = matched(matcher.decide(pay("1000.00", KID1, null, null, null), idx));
        idx.apply(m, new BigDecimal("1000.00"));
        open(matcher.decide(pay("1000.00", KID1, null, null, null), idx));
    }

    @Test
    void atMostThreeSuggestionsRankedByScore() {
        for (int i = 4; i <= 8; i++) {
            invoice(i, 1, "2024-00" + i, kid("100001000000" + i), "10" + i + ".00", i);
        }
        Decision.Unmatched u = open(matcher.decide(pay("1.00", null, null, "15031122222", null), idx));
        assertThat(u.suggestions()).hasSize(3);
        assertThat(u.suggestions().get(0).score()).isGreaterThanOrEqualTo(u.suggestions().get(2).score());
    }
}
