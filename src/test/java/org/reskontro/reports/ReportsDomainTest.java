package org.reskontro.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReportsDomainTest {

    static final LocalDate D = LocalDate.of(2024, 4, 30);

    @Test
    void bucketsCountDaysPastTheDueDate() {
        assertThat(Bucket.of(D.plusDays(10), D)).isEqualTo(Bucket.NOT_DUE);
        assertThat(Bucket.of(D, D)).as("due today is not overdue").isEqualTo(Bucket.NOT_DUE);
        assertThat(Bucket.of(D.minusDays(1), D)).isEqualTo(Bucket.DAYS_0_30);
        assertThat(Bucket.of(D.minusDays(30), D)).isEqualTo(Bucket.DAYS_0_30);
        assertThat(Bucket.of(D.minusDays(31), D)).isEqualTo(Bucket.DAYS_31_60);
        assertThat(Bucket.of(D.minusDays(60), D)).isEqualTo(Bucket.DAYS_31_60);
        assertThat(Bucket.of(D.minusDays(61), D)).isEqualTo(Bucket.DAYS_61_90);
        assertThat(Bucket.of(D.minusDays(90), D)).isEqualTo(Bucket.DAYS_61_90);
        assertThat(Bucket.of(D.minusDays(91), D)).isEqualTo(Bucket.OVER_90);
    }

    @Test
    void theArticlesAgingTable() {
        AgingReport r = AgingReport.of(D, List.of(
                item("A", "100000", 15), item("A", "50000", 45),
                item("B", "30000", 10), item("B", "25000", 40), item("B", "25000", 70),
                item("C", "20000", 80), item("C", "25000", 120)), Map.of());
        AgingReport.Section s = r.section("NOK");
        assertThat(s.total().total()).isEqualByComparingTo("275000");
        assertThat(s.rows()).extracting(AgingReport.Row::total).map(BigDecimal::toPlainString)
                .containsExactly("150000.00", "80000.00", "45000.00");
        assertThat(List.of(Bucket.DAYS_0_30, Bucket.DAYS_31_60, Bucket.DAYS_61_90, Bucket.OVER_90))
                .extracting(b -> s.total().amount(b).toPlainString() + "/" + s.share(b))
                .containsExactly("130000.00/47", "75000.00/27", "45000.00/16", "25000.00/9");
    }

    @Test
    void currenciesAreNotAddedTogether() {
        AgingReport r = AgingReport.of(D, List.of(item("A", "100", 5),
                new OpenAmount("S", "S AB", "SEK", "S-1", D.minusDays(20), D.minusDays(5), new BigDecimal("70"))),
                Map.of("SEK", new BigDecimal("5")));
        assertThat(r.sections()).extracting(AgingReport.Section::currency).containsExactly("NOK", "SEK");
        assertThat(r.section("NOK").total().total()).isEqualByComparingTo("100");
        assertThat(r.section("SEK").total().total()).isEqualByComparingTo("70");
        assertThat(r.section("SEK").unallocatedCredit()).isEqualByComparingTo("5");
    }

    @Test
    void theArticlesLossProvision() {
        LossProvision p = LossProvision.of("NOK", new BigDecimal("125000.00"), new BigDecimal("5"));
        assertThat(p.amount()).isEqualTo(new BigDecimal("6250.00"));
        assertThat(p.debitAccount()).isEqualTo("7830");
        assertThat(p.creditAccount()).isEqualTo("1580");
        assertThat(LossProvision.of("NOK", new BigDecimal("333.33"), new BigDecimal("2.5")).amount())
                .isEqualTo(new BigDecimal("8.33"));
    }

    @Test
    void percentagesRoundHalfUpToWholePercent() {
        assertThat(Fmt.percent(new BigDecimal("1"), new BigDecimal("8"))).isEqualByComparingTo("13"); // 12.5
        assertThat(Fmt.percent(new BigDecimal("1"), new BigDecimal("3"))).isEqualByComparingTo("33");
        assertThat(Fmt.percent(BigDecimal.ONE, BigDecimal.ZERO)).isNull();
        assertThat(Fmt.amount(new BigDecimal("275000"))).isEqualTo("275 000.00");
        assertThat(Fmt.amount(new BigDecimal("-1234567.5"))).isEqualTo("-1 234 567.50");
    }

    @Test
    void keyFiguresFollowTheArticlesFormulas() {
        KeyFigures.CurrencyFigures year = new KeyFigures.CurrencyFigures("NOK", 365, new BigDecimal("100000"),
                new BigDecimal("15000"), new BigDecimal("1217000"), new BigDecimal("24340"),
                LossProvision.of("NOK", new BigDecimal("100000"), new BigDecimal("5")));
        assertThat(year.dso()).isEqualByComparingTo("30"); // 100 000 x 365 / 1 217 000 = 29.99
        assertThat(year.lossPercent()).isEqualByComparingTo("2");
        assertThat(year.overdueRate()).isEqualByComparingTo("15");
    }

    @Test
    void paymentPatternIsWeightedByAmount() {
        List<KeyFigures.PaymentPattern> p = KeyFigures.patterns(List.of(
                new KeyFigures.Payment("1", "X", "NOK", D.minusDays(40), D.minusDays(26), D.minusDays(10),
                        new BigDecimal("3000")), // 30 days to pay, 16 late
                new KeyFigures.Payment("1", "X", "NOK", D.minusDays(10), D.plusDays(4), D, new BigDecimal("1000"))));
        assertThat(p).hasSize(1);
        assertThat(p.get(0).averageDaysToPay()).isEqualByComparingTo("25"); // (3000x30 + 1000x10) / 4000
        assertThat(p.get(0).onTimePercent()).isEqualByComparingTo("25");
        assertThat(p.get(0).averageDaysLate()).isEqualByComparingTo("16");
        assertThat(p.get(0).pattern()).isEqualTo("late");
    }

    @Test
    void htmlEscapesCustomerDataAndLoadsNothingRemote() {
        AgingReport r = AgingReport.of(D, List.of(new OpenAmount("1", "<script>alert('x')</script> & Co", "NOK", "I-1",
                D.minusDays(30), D.minusDays(3), new BigDecimal("10"))), Map.of());
        String html = HtmlReports.agingPage(r, List.of(new OverduePoint(D, "NOK", BigDecimal.TEN, BigDecimal.TEN)));
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co").doesNotContain("<script")
                .contains("<svg").doesNotContain("src=").doesNotContain("href=").doesNotContain("url(")
                .doesNotContain("@import");
    }

    @Test
    void everyChartIsWellFormedSvg() throws Exception {
        AgingReport r = AgingReport.of(D, List.of(new OpenAmount("1", "A & <B> \"C\"", "NOK", "I-1",
                D.minusDays(30), D.minusDays(3), new BigDecimal("10"))), Map.of());
        Reconciliation rec = new Reconciliation(D, List.of(new Reconciliation.Check("Ledger", "x < y & z", "NOK", "l",
                BigDecimal.ONE, "r", BigDecimal.TEN)), List.of());
        String html = HtmlReports.agingPage(r, List.of(new OverduePoint(D.minusMonths(1), "NOK", BigDecimal.ZERO,
                BigDecimal.ONE), new OverduePoint(D, "NOK", BigDecimal.TEN, BigDecimal.TEN))) + Svg.status(rec);
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)<svg.*?</svg>").matcher(html);
        int n = 0;
        while (m.find()) {
            f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(m.group())));
            n++;
        }
        assertThat(n).isEqualTo(3);
    }

    @Test
    void niceAxisMaximum() {
        assertThat(Svg.niceMax(new BigDecimal("130000"))).isEqualByComparingTo("200000");
        assertThat(Svg.niceMax(new BigDecimal("230000"))).isEqualByComparingTo("250000");
        assertThat(Svg.niceMax(new BigDecimal("0.4"))).isEqualByComparingTo("0.5");
        assertThat(Svg.niceMax(BigDecimal.ZERO)).isEqualByComparingTo("1");
    }

    private static OpenAmount item(String customer, String amount, int daysOverdue) {
        return new OpenAmount(customer, "Kunde " + customer, "NOK", customer + daysOverdue, D.minusDays(daysOverdue + 14),
                D.minusDays(daysOverdue), new BigDecimal(amount));
    }
}
