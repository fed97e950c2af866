package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reskontro.matching.MatcherTest.KID1;
import static org.reskontro.matching.MatcherTest.KID2;
import static org.reskontro.matching.MatcherTest.KID3;
import static org.reskontro.matching.MatcherTest.pay;
import static org.reskontro.matching.SmallIndex.matched;
import static org.reskontro.matching.SmallIndex.open;

import java.math.BigDecimal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.common.CheckDigits;

/** Structured references written in the free text: what counts as one, and the rule that uses them. */
class TextReferencesTest {

    static final String RF = CheckDigits.rf("53900754703"); // customer 1's invoice 2024-005

    MatchIndex idx;
    Matcher matcher = new Matcher(MatchPolicy.DEFAULT);

    @BeforeEach
    void setUp() {
        idx = SmallIndex.twoCustomers();
        SmallIndex.invoice(idx, 1, 1, "2024-001", KID1, "1000.00", 1);
        SmallIndex.invoice(idx, 2, 1, "2024-002", KID2, "2500.00", 2);
        SmallIndex.invoice(idx, 3, 2, "2024-003", KID3, "1000.00", 3);
        SmallIndex.invoice(idx, 5, 1, "2024-005", RF, "700.00", 5);
        idx.learnAccount("1503.11.22222", 1);
    }

    static String grouped(String ref) {
        return String.join(" ", ref.split("(?<=\\G.{4})"));
    }

    @Test
    void candidatesAreDigitRunsAloneOrInGroupsAndRfReferences() {
        assertThat(TextReferences.candidates("KID: " + grouped(KID1) + ".")).contains(KID1);
        assertThat(TextReferences.candidates("betaling " + KID1 + "/" + KID2)).contains(KID1, KID2);
        assertThat(TextReferences.candidates("ref " + grouped(RF).toLowerCase())).contains(RF);
        assertThat(TextReferences.candidates("Betaling 1190 9940 0384 97-")).as("MOD11 check digit 10")
                .contains("11909940038497", "11909940038497-");
        assertThat(TextReferences.candidates("Faktura 2024 mai, 17.05")).as("too short").isEmpty();
        assertThat(TextReferences.candidates("INV" + KID1 + " x" + KID2)).as("digits touching letters").isEmpty();
    }

    @Test
    void aKidInTheTextMatchesItsInvoiceAsTheReferenceFieldWould() {
        for (String text : new String[] {"KID " + KID1, "kid:" + KID1, grouped(KID1), "Betaling for " + KID1 + ", takk"}) {
            Decision.Matched m = matched(matcher.decide(pay("1000.00", null, null, null, text), idx));
            assertThat(m.rule()).isEqualTo(MatchRule.REFERENCE);
            assertThat(m.invoiceIds()).as(text).containsExactly(1L);
            assertThat(m.evidence()).contains("reference in the text " + KID1 + " = 2024-001");
        }
        Decision.Matched partial = matched(matcher.decide(pay("400.00", null, null, null, "KID " + KID1), idx));
        assertThat(partial.evidence()).contains("partial payment, 600.00 left open");
    }

    @Test
    void aMod11KidEndingInADashIsReadFromTheTextToo() {
        String base = null;
        for (int i = 0; base == null; i++) {
            String b = "1000010" + String.format("%07d", i);
            if (CheckDigits.mod11(b) == '-') {
                base = b;
            }
        }
        String kid = base + "-";
        SmallIndex.invoice(idx, 6, 1, "2024-006", kid, "300.00", 6);
        assertThat(matched(matcher.decide(pay("300.00", null, null, null, "Betaling " + grouped(kid)), idx)).invoiceIds())
                .containsExactly(6L);
    }

    @Test
    void severalReferencesInTheTextPaySeveralInvoices() {
        Decision.Matched m = matched(matcher.decide(pay("3500.00", null, null, null,
                "KID " + KID1 + " og " + KID2), idx));
        assertThat(m.invoiceIds()).containsExactly(1L, 2L);
        Decision.Matched rf = matched(matcher.decide(pay("1700.00", null, null, null,
                "Invoices " + grouped(RF) + " and " + KID1), idx));
        assertThat(rf.invoiceIds()).containsExactlyInAnyOrder(5L, 1L);
    }

    @Test
    void anOverpaidReferenceTakesTheOtherReferencesInTheText() {
        Decision.Matched m = matched(matcher.decide(pay("3500.00", KID1, null, null, "også " + KID2), idx));
        assertThat(m.invoiceIds()).containsExactly(1L, 2L);
    }

    @Test
    void referencesOfTwoCustomersOrAPayerOfAnotherAreLeftOpen() {
        Decision.Unmatched two = open(matcher.decide(pay("2000.00", null, null, null, KID1 + " " + "og " + KID3), idx));
        assertThat(two.reason()).contains("references in the text belong to different customers");
        assertThat(two.suggestions()).extracting(Suggestion::invoiceNo).containsExactlyInAnyOrder("2024-001", "2024-003");

        Decision.Unmatched payer = open(matcher.decide(pay("1000.00", null, null, "1503.11.22222", "KID " + KID3), idx));
        assertThat(payer.reason()).contains("the references in the text and the payer point to different customers");

        Decision.Unmatched field = open(matcher.decide(pay("2000.00", KID1, null, null, "og " + KID3), idx));
        assertThat(field.reason()).contains("the reference and a reference in the text point to different customers");

        Decision.Unmatched named = open(matcher.decide(pay("2000.00", null, null, null,
                "KID " + KID3 + " Faktura 2024-002"), idx));
        assertThat(named.reason()).contains("the references and the invoice numbers in the text point to different");
    }

    @Test
    void aReferenceInTheTextOfAnInvoiceSettledTonightStillContradicts() {
        Decision first = matcher.decide(pay("1000.00", KID3, null, null, null), idx);
        idx.apply((Decision.Matched) first, new BigDecimal("1000.00"));
        assertThat(open(matcher.decide(pay("1000.00", null, null, null, "kid " + KID3 + ", ellers " + KID1), idx))
                .reason()).contains("references in the text belong to different customers");
        Decision.Unmatched byPayer = open(matcher.decide(pay("1000.00", null, null, "1503.11.22222", "KID " + KID3), idx));
        assertThat(byPayer.reason()).contains("the text holds the reference of 2024-003 (customer 10002), but payer 10001");
    }

    @Test
    void aReferenceTheLedgerKnowsForAnotherCustomerRefusesTheMatch() {
        String paid = MatcherTest.kid("1000020000009"); // customer 2's invoice 2023-009, paid before the run
        BankPayment p = pay("1000.00", KID1, null, null, "og " + paid);
        assertThat(Matcher.referencesToLookUp(p, idx)).containsExactly(paid);
        assertThat(matcher.decide(p, idx)).as("without the ledger").isInstanceOf(Decision.Matched.class);
        java.util.Map<String, java.util.List<SettledInvoice>> ledger = java.util.Map.of(paid,
                java.util.List.of(new SettledInvoice(9, "2023-009", 2, "NOK", org.reskontro.ledger.InvoiceStatus.PAID)));
        assertThat(open(matcher.decide(p, idx, ledger)).reason())
                .startsWith("reference " + paid + " is 2023-009 (customer 10002, paid), but reference " + KID1);
        java.util.Map<String, java.util.List<SettledInvoice>> own = java.util.Map.of(paid,
                java.util.List.of(new SettledInvoice(9, "2023-009", 1, "NOK", org.reskontro.ledger.InvoiceStatus.PAID)));
        assertThat(matcher.decide(p, idx, own)).as("the same customer's").isInstanceOf(Decision.Matched.class);
    }

    @Test
    void aValidNumberThatIsNoInvoicesReferenceDecidesNothing() {
        String other = MatcherTest.kid("9999990000001");
        assertThat(open(matcher.decide(pay("1000.00", null, null, null, "KID " + other), idx)).reason())
                .contains("no reference, invoice number or known payer");
        String broken = KID1.substring(0, KID1.length() - 1) + (char) ('0' + (KID1.charAt(KID1.length() - 1) - '0' + 1) % 10);
        assertThat(matcher.decide(pay("1000.00", null, null, null, "KID " + broken), idx))
                .as("a broken check digit in the text is no reference").isInstanceOf(Decision.Unmatched.class);
    }

    @Test
    void everyReferenceWrittenInTheMessagesOfAGeneratedLedgerPaysItsInvoice() {
        java.util.Map<SyntheticLedger.Kind, Integer> mix = SyntheticLedger.defaultMix();
        mix.put(SyntheticLedger.Kind.REFERENCE_IN_TEXT, 30);
        SyntheticLedger ledger = SyntheticLedger.generate(2000, 7, mix);
        MatchIndex generated = ledger.index();
        int written = 0;
        java.util.List<String> missed = new java.util.ArrayList<>();
        for (SyntheticLedger.Payment p : ledger.payments()) {
            Decision d = matcher.decide(p.tx(), generated);
            if (d instanceof Decision.Matched m) {
                generated.apply(m, p.tx().amount());
            }
            if (p.kind() == SyntheticLedger.Kind.REFERENCE_IN_TEXT) {
                written++;
                if (!(d instanceof Decision.Matched m) || !new java.util.HashSet<>(m.invoiceIds())
                        .equals(new java.util.HashSet<>(p.truth()))) {
                    missed.add(p.tx().text() + " -> " + d);
                }
            }
        }
        assertThat(written).isGreaterThan(400);
        assertThat(missed).isEmpty();
    }

    @Test
    void theRouterSendsAPaymentWithAnotherCustomersReferenceInItsTextToTheSerialPhase() {
        BankPayment p = pay("1000.00", null, "Byggmester Hansen AS", null, "KID " + KID3);
        assertThat(new MatchRouter().candidates(p, idx)).containsExactlyInAnyOrder(1L, 2L);
        assertThat(new MatchRouter().route(p, idx)).isNull();
        assertThat(new MatchRouter().route(pay("1000.00", null, null, null, "KID " + KID3), idx)).isEqualTo(2L);
    }
}
