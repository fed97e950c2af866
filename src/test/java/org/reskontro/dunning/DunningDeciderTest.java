package org.reskontro.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.reskontro.ledger.Country;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.CustomerType;
import org.reskontro.ledger.Language;
import org.reskontro.letters.DunningLetter;

class DunningDeciderTest {

    static final LocalDate DUE = LocalDate.of(2024, 3, 1);
    final LegalRules rules = LegalRules.nordic();
    final DunningDecider decider = new DunningDecider(DunningPolicy.defaults(), rules);

    static OverdueItem item(String no, String currency, String principal, int level, LocalDate last, int feeCount,
                            String feesCharged) {
        return new OverdueItem(1, no, DUE.minusDays(14), DUE, "123", currency, new BigDecimal(principal),
                new BigDecimal(feesCharged), BigDecimal.ZERO.setScale(2), level, last, null, feeCount,
                new BigDecimal(feesCharged));
    }

    static OverdueItem item(String currency, int level, LocalDate last) {
        return item("INV-1", currency, "1000.00", level, last, 0, "0.00");
    }

    static CustomerSnapshot customer(Country country, CustomerType type, boolean feeAgreed, String email,
                                     Customer.Hold hold, OverdueItem... items) {
        return new CustomerSnapshot(7, "C1", "Kunde", null, country, country == Country.NO ? "NOK" : "SEK",
                country == Country.NO ? Language.NB : Language.SV, email, false,
                new Customer.PostalAddress("Gate 1", "0150", "Oslo"), type, feeAgreed, hold, List.of(items));
    }

    static CustomerSnapshot no(OverdueItem... items) {
        return customer(Country.NO, CustomerType.CONSUMER, false, "a@example.no", null, items);
    }

    static CustomerSnapshot se(boolean feeAgreed, CustomerType type, OverdueItem... items) {
        return customer(Country.SE, type, feeAgreed, "a@example.se", null, items);
    }

    ItemDecision only(CustomerSnapshot c, LocalDate date) {
        CustomerDecision d = decider.decide(c, date);
        assertThat(d.items()).hasSize(1);
        return d.items().get(0);
    }

    ItemDecision.Escalate escalate(CustomerSnapshot c, LocalDate date) {
        ItemDecision d = only(c, date);
        assertThat(d).as("%s", d).isInstanceOf(ItemDecision.Escalate.class);
        return (ItemDecision.Escalate) d;
    }

    // --- Norway -------------------------------------------------------------------------------------------

    @Test
    void norwegianFormalReminderBeforeDay14IsSentWithoutFeeAndSaysWhy() {
        // day 10 after due (8 + 2 grace): level 2, but the law forbids the fee before day 14
        ItemDecision.Escalate e = escalate(no(item("NOK", 0, null)), DUE.plusDays(10));
        assertThat(e.levelAfter()).isEqualTo(2);
        assertThat(e.fee()).isEqualByComparingTo("0");
        assertThat(e.notes()).anyMatch(n -> n.startsWith("fee withheld: Norwegian reminder fee needs 14 days after due date"));
    }

    @Test
    void norwegianReminderFeeFromDay14AtMostOneTwentiethOfTheInkassosats() {
        ItemDecision.Escalate e = escalate(no(item("NOK", 1, DUE.plusDays(3))), DUE.plusDays(14));
        assertThat(e.levelAfter()).isEqualTo(2);
        assertThat(e.fee()).isEqualByComparingTo("35.00");
        assertThat(rules.reminderFeeCap(Country.NO, LocalDate.of(2024, 4, 30))).isEqualByComparingTo("35.00");
    }

    @Test
    void onlyOneNorwegianReminderFeeBeforeTheInkassovarselButTheInkassovarselMayCarryOne() {
        DunningPolicy.Level l1 = DunningPolicy.defaults().level(1);
        List<DunningPolicy.Level> levels = new ArrayList<>(DunningPolicy.defaults().levels());
        levels.set(0, new DunningPolicy.Level(1, l1.name(), l1.daysOverdue(), 0, Map.of("NOK", new BigDecimal("35")),
                l1.channel(), l1.template(), 7));
        DunningPolicy p = DunningPolicy.defaults();
        DunningDecider d = new DunningDecider(new DunningPolicy(levels, p.minimumAmount(), p.graceDays(), false, true,
                false, true), rules);
        OverdueItem charged = item("INV-1", "NOK", "1000.00", 1, DUE.plusDays(14), 1, "35.00");
        ItemDecision.Escalate l2 = (ItemDecision.Escalate) d.decide(no(charged), DUE.plusDays(21)).items().get(0);
        assertThat(l2.levelAfter()).isEqualTo(2);
        assertThat(l2.fee()).isEqualByComparingTo("0");
        assertThat(l2.notes()).anyMatch(n -> n.contains("only one Norwegian reminder fee before the inkassovarsel"));

        OverdueItem atL2 = item("INV-1", "NOK", "1000.00", 2, DUE.plusDays(21), 1, "35.00");
        ItemDecision.Escalate l3 = (ItemDecision.Escalate) d.decide(no(atL2), DUE.plusDays(30)).items().get(0);
        assertThat(l3.levelAfter()).isEqualTo(3);
        assertThat(l3.fee()).isEqualByComparingTo("35.00");
    }

    @Test
    void aPolicyFeeAboveTheNorwegianCapIsRefusedWithTheRule() {
        DunningPolicy p = withFee(2, "NOK", "50");
        List<String> problems = rules.check(p, LocalDate.of(2024, 4, 30));
        assertThat(problems).singleElement().asString()
                .contains("fee 50.00 NOK is above the cap 35.00 NOK").contains("inkassosats 700");
    }

    @Test
    void aNorwegianCollectionFeeAndAShortFinalNoticeAreRefused() {
        assertThat(rules.check(withFee(4, "NOK", "100"), LocalDate.of(2024, 4, 30))).singleElement().asString()
                .contains("inkassosalær");
        DunningPolicy d = DunningPolicy.defaults();
        List<DunningPolicy.Level> levels = new ArrayList<>(d.levels());
        DunningPolicy.Level l3 = d.level(3);
        levels.set(2, new DunningPolicy.Level(3, l3.name(), l3.daysOverdue(), l3.minDaysSincePrevious(), l3.fees(),
                l3.channel(), l3.template(), 10));
        assertThat(rules.check(new DunningPolicy(levels, d.minimumAmount(), 2, false, true, false, true),
                LocalDate.of(2024, 4, 30))).anyMatch(s -> s.contains("inkassoloven § 9"));
    }

    @Test
    void theFirstRunStartsAtTheLevelTheDaysCallForButNeverSkipsTheFinalNotice() {
        ItemDecision.Escalate e = escalate(no(item("NOK", 0, null)), DUE.plusDays(100));
        assertThat(e.levelAfter()).isEqualTo(3);
        assertThat(e.notes()).anyMatch(n -> n.startsWith("final notice first"));
    }

    @Test
    void collectionOnlyAfterTheFinalNoticeDeadlineHasPassed() {
        LocalDate sent = DUE.plusDays(40);
        ItemDecision stay = only(no(item("NOK", 3, sent)), sent.plusDays(14));
        assertThat(stay).isInstanceOf(ItemDecision.Stay.class);
        assertThat(stay.notes()).anyMatch(n -> n.contains("final notice deadline runs to " + sent.plusDays(14)));

        ItemDecision.Escalate e = escalate(no(item("NOK", 3, sent)), sent.plusDays(15));
        assertThat(e.levelAfter()).isEqualTo(4);
        assertThat(e.toCollection()).isTrue();
        assertThat(e.fee()).isEqualByComparingTo("0");
        assertThat(e.interest()).isPositive();
    }

    @Test
    void theMinimumDaysSinceThePreviousLevelAreKept() {
        ItemDecision d = only(no(item("NOK", 2, DUE.plusDays(20))), DUE.plusDays(25));
        assertThat(d).isInstanceOf(ItemDecision.Stay.class);
        assertThat(d.notes()).anyMatch(n -> n.startsWith("waits: 5 days since the level 2 notice"));
    }

    @Test
    void norwegianBusinessCompensationIsOptionalAndReducedByTheFees() {
        DunningPolicy p = DunningPolicy.defaults();
        DunningDecider d = new DunningDecider(new DunningPolicy(p.levels(), p.minimumAmount(), 2, false, true, true,
                true), rules);
        OverdueItem i = item("INV-1", "NOK", "10000.00", 3, DUE.plusDays(25), 1, "70.00");
        CustomerSnapshot c = customer(Country.NO, CustomerType.BUSINESS, false, "a@b.no", null, i);
        ItemDecision.Escalate e = (ItemDecision.Escalate) d.decide(c, DUE.plusDays(60)).items().get(0);
        assertThat(e.compensation()).isEqualByComparingTo("400.00"); // 470 - 70
        ItemDecision.Escalate off = escalate(c, DUE.plusDays(60)); // default policy: off in Norway
        assertThat(off.compensation()).isEqualByComparingTo("0");
    }

    // --- Sweden -------------------------------------------------------------------------------------------

    @Test
    void swedishReminderFeeOnlyWhereAgreed() {
        ItemDecision.Escalate notAgreed = escalate(se(false, CustomerType.CONSUMER, item("SEK", 1, DUE.plusDays(3))),
                DUE.plusDays(12));
        assertThat(notAgreed.fee()).isEqualByComparingTo("0");
        assertThat(notAgreed.notes()).anyMatch(n -> n.contains("only where agreed"));
        ItemDecision.Escalate agreed = escalate(se(true, CustomerType.CONSUMER, item("SEK", 1, DUE.plusDays(3))),
                DUE.plusDays(12));
        assertThat(agreed.fee()).isEqualByComparingTo("60.00");
    }

    @Test
    void swedishReminderFeeOncePerClaimAndAtMost60() {
        OverdueItem charged = item("INV-1", "SEK", "1000.00", 1, DUE.plusDays(3), 1, "60.00");
        ItemDecision.Escalate e = escalate(se(true, CustomerType.CONSUMER, charged), DUE.plusDays(12));
        assertThat(e.fee()).isEqualByComparingTo("0");
        assertThat(e.notes()).anyMatch(n -> n.contains("once per claim"));
        assertThat(rules.check(withFee(2, "SEK", "70"), LocalDate.of(2024, 4, 30))).singleElement().asString()
                .contains("70.00 SEK is above the cap 60.00 SEK");
        assertThat(rules.check(withFee(4, "SEK", "200"), LocalDate.of(2024, 4, 30))).singleElement().asString()
                .contains("cap 180.00 SEK");
        assertThat(rules.check(withFee(4, "SEK", "180"), LocalDate.of(2024, 4, 30))).isEmpty();
    }

    @Test
    void swedishBusinessCompensation450IsReducedByTheFeesCharged() {
        OverdueItem i = item("INV-1", "SEK", "10000.00", 3, DUE.plusDays(25), 1, "60.00");
        ItemDecision.Escalate e = escalate(se(true, CustomerType.BUSINESS, i), DUE.plusDays(60));
        assertThat(e.toCollection()).isTrue();
        assertThat(e.compensation()).isEqualByComparingTo("390.00");
        assertThat(e.compensationRule()).contains("4 a §");
        ItemDecision.Escalate consumer = escalate(se(true, CustomerType.CONSUMER, i), DUE.plusDays(60));
        assertThat(consumer.compensation()).isEqualByComparingTo("0");
    }

    // --- common -------------------------------------------------------------------------------------------

    @Test
    void paymentsInTransitGetTheGraceDays() {
        ItemDecision d = only(no(item("NOK", 0, null)), DUE.plusDays(2));
        assertThat(d).isInstanceOf(ItemDecision.Stay.class);
        assertThat(d.notes()).anyMatch(n -> n.startsWith("payment in transit"));
        assertThat(escalate(no(item("NOK", 0, null)), DUE.plusDays(3)).levelAfter()).isEqualTo(1);
    }

    @Test
    void holdsStopEscalationUntilTheyEnd() {
        Customer.Hold hold = new Customer.Hold("dispute", DUE.plusDays(20));
        CustomerSnapshot c = customer(Country.NO, CustomerType.BUSINESS, false, "a@b.no", hold, item("NOK", 0, null));
        CustomerDecision during = decider.decide(c, DUE.plusDays(20));
        assertThat(during.items().get(0)).isInstanceOf(ItemDecision.OnHold.class);
        assertThat(during.letter()).isNull();
        assertThat(escalate(c, DUE.plusDays(21)).levelAfter()).isEqualTo(2);

        OverdueItem held = new OverdueItem(1, "INV-1", DUE, DUE, null, "NOK", new BigDecimal("1000.00"),
                BigDecimal.ZERO, BigDecimal.ZERO, 0, null, new Customer.Hold("payment plan", null), 0, BigDecimal.ZERO);
        assertThat(only(no(held), DUE.plusDays(200))).isInstanceOf(ItemDecision.OnHold.class);
    }

    @Test
    void belowTheMinimumAmountNobodyIsDunnedAndPaidItemsNever() {
        CustomerDecision small = decider.decide(no(item("INV-1", "NOK", "99.00", 0, null, 0, "0.00")), DUE.plusDays(30));
        assertThat(small.letter()).isNull();
        assertThat(small.notes()).anyMatch(n -> n.startsWith("below the minimum overdue amount"));
        CustomerDecision paid = decider.decide(no(item("INV-1", "NOK", "0.00", 2, DUE.plusDays(10), 0, "0.00")),
                DUE.plusDays(30));
        assertThat(paid.items()).isEmpty();
        assertThat(paid.letter()).isNull();
    }

    @Test
    void oneLetterPerCustomerWithAllItemsAtTheHighestLevelsTemplate() {
        OverdueItem old = new OverdueItem(1, "A", DUE.minusDays(30), DUE.minusDays(30), "1", "NOK",
                new BigDecimal("1000.00"), BigDecimal.ZERO, BigDecimal.ZERO, 0, null, null, 0, BigDecimal.ZERO);
        OverdueItem recent = new OverdueItem(2, "B", DUE, DUE, "2", "NOK", new BigDecimal("500.00"), BigDecimal.ZERO,
                BigDecimal.ZERO, 0, null, null, 0, BigDecimal.ZERO);
        CustomerSnapshot c = customer(Country.NO, CustomerType.CONSUMER, false, null, null, old, recent);
        CustomerDecision d = decider.decide(c, DUE.plusDays(5));
        DunningLetter l = d.letter();
        assertThat(l.items()).extracting(DunningLetter.Item::invoiceNo, DunningLetter.Item::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", 3), org.assertj.core.groups.Tuple.tuple("B", 1));
        assertThat(l.level()).isEqualTo(3);
        assertThat(l.template()).isEqualTo("final-notice");
        assertThat(l.collectionWarning()).isTrue();
        assertThat(l.paymentDeadline()).isEqualTo(DUE.plusDays(5 + 14));
        assertThat(l.channel()).isEqualTo(DunningLetter.Channel.PRINT); // no e-mail address
        assertThat(l.interest().ratePercent()).isEqualByComparingTo("12.50");
        assertThat(l.interest().runsFrom()).isEqualTo(DUE.minusDays(29));
    }

    @Test
    void aCollectionLetterThatAlsoCarriesAFinalNoticeKeepsTheWarningAndTheFourteenDays() {
        LocalDate date = DUE.plusDays(60);
        OverdueItem toCollection = new OverdueItem(1, "A", DUE.minusDays(14), DUE, "1", "NOK", new BigDecimal("1000.00"),
                BigDecimal.ZERO, BigDecimal.ZERO, 3, DUE.plusDays(30), null, 0, BigDecimal.ZERO);
        OverdueItem fresh = new OverdueItem(2, "B", DUE.plusDays(20), DUE.plusDays(30), "2", "NOK",
                new BigDecimal("500.00"), BigDecimal.ZERO, BigDecimal.ZERO, 0, null, null, 0, BigDecimal.ZERO);
        DunningLetter l = decider.decide(no(toCollection, fresh), date).letter();
        assertThat(l.level()).isEqualTo(4);
        assertThat(l.template()).isEqualTo("collection");
        assertThat(l.collectionWarning()).isTrue();
        assertThat(l.paymentDeadline()).isEqualTo(date.plusDays(14));
    }

    @Test
    void anItemStayingAtTheFinalNoticeDoesNotTurnANewReminderIntoAFinalNotice() {
        OverdueItem atFinal = new OverdueItem(1, "A", DUE.minusDays(14), DUE, "1", "NOK", new BigDecimal("1000.00"),
                BigDecimal.ZERO, BigDecimal.ZERO, 3, DUE.plusDays(25), null, 0, BigDecimal.ZERO);
        OverdueItem fresh = new OverdueItem(2, "B", DUE.plusDays(20), DUE.plusDays(27), "2", "NOK",
                new BigDecimal("500.00"), BigDecimal.ZERO, BigDecimal.ZERO, 0, null, null, 0, BigDecimal.ZERO);
        DunningLetter l = decider.decide(no(atFinal, fresh), DUE.plusDays(30)).letter();
        assertThat(l.level()).isEqualTo(1);
        assertThat(l.template()).isEqualTo("reminder");
        assertThat(l.collectionWarning()).isFalse();
        assertThat(l.items()).extracting(DunningLetter.Item::level).containsExactly(3, 1);
    }

    static DunningPolicy withFee(int level, String currency, String fee) {
        DunningPolicy d = DunningPolicy.defaults();
        List<DunningPolicy.Level> levels = new ArrayList<>(d.levels());
        DunningPolicy.Level l = d.level(level);
        Map<String, BigDecimal> fees = new java.util.HashMap<>(l.fees());
        fees.put(currency, new BigDecimal(fee));
        levels.set(level - 1, new DunningPolicy.Level(level, l.name(), l.daysOverdue(), l.minDaysSincePrevious(), fees,
                l.channel(), l.template(), l.paymentDays()));
        return new DunningPolicy(levels, d.minimumAmount(), d.graceDays(), false, true, false, true);
    }
}
