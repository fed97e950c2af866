package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Money on account on the real database: used on the customer's next open invoices by the creditStep, or listed. */
@IntegrationTest
class CreditsTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LedgerJournal journal;

    CliRunner cli;
    MatchingFixture f;
    long hansen;
    long fjord;
    long a;
    static final String KID_A = MatchingFixture.kid("1000010000001");

    @BeforeEach
    void setUp() {
        db.reset();
        cli = new CliRunner(context);
        f = new MatchingFixture(jdbc);
        hansen = f.customer("10001", "Byggmester Hansen AS", "914778271");
        fjord = f.customer("10002", "Fjordkraft Elektro AS", "969012480");
        a = f.invoice(hansen, "2024-001", KID_A, "1000.00");
    }

    CliRunner.Result match() {
        CliRunner.Result r = cli.run("match", "--date", "2024-04-30");
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        return r;
    }

    long postingOf(long txId) {
        return jdbc.sql("SELECT posting_id FROM bank_transaction WHERE id = ?").param(txId).query(Long.class).single();
    }

    @Test
    void theExcessPaysTheEarliestDueInvoicesFirstAndARerunChangesNothing() {
        long later = invoiceDue(hansen, "2024-010", "300.00", "2024-06-01");
        long earlier = invoiceDue(hansen, "2024-009", "100.00", "2024-04-01");
        long other = f.invoice(fjord, "2024-011", MatchingFixture.kid("1000020000011"), "50.00");
        long t = f.tx("1250.00", KID_A, null, null, null);
        match();
        assertThat(f.open(a)).isEqualByComparingTo("0");
        assertThat(f.open(earlier)).isEqualByComparingTo("0");
        assertThat(f.invoiceStatus(earlier)).isEqualTo("PAID");
        assertThat(f.open(later)).isEqualByComparingTo("150.00");
        assertThat(f.invoiceStatus(later)).isEqualTo("PARTIALLY_PAID");
        assertThat(f.open(other)).as("never another customer's invoice").isEqualByComparingTo("50.00");
        assertThat(journal.unallocated(postingOf(t))).isEqualByComparingTo("0");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'CREDIT_APPLIED' AND customer_id = ?")
                .param(hansen).query(Long.class).single()).isEqualTo(2);

        String before = fingerprint();
        match();
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void aLaterInvoiceTakesWhatWasLeftOnAccount() {
        long t = f.tx("1200.00", KID_A, null, null, null);
        match();
        assertThat(journal.unallocated(postingOf(t))).isEqualByComparingTo("200.00");
        CliRunner.Result listed = cli.run("unmatched", "credits");
        assertThat(listed.out()).contains("customer 10001").contains("200.00 NOK on account").contains("total 200.00 NOK");

        long next = invoiceDue(hansen, "2024-020", "80.00", "2024-05-15");
        match();
        assertThat(f.invoiceStatus(next)).isEqualTo("PAID");
        assertThat(journal.unallocated(postingOf(t))).isEqualByComparingTo("120.00");
        assertThat(cli.run("unmatched", "credits").out()).contains("120.00 NOK on account");
    }

    @Test
    void disputedInvoicesAndClaimsInCollectionAreLeftAlone() {
        long disputed = invoiceDue(hansen, "2024-030", "100.00", "2024-04-01");
        jdbc.sql("UPDATE invoice SET hold_reason = 'dispute', hold_until = ? WHERE id = ?")
                .params(Date.valueOf("2024-12-31"), disputed).update();
        long collected = invoiceDue(hansen, "2024-031", "100.00", "2024-03-01");
        jdbc.sql("UPDATE invoice SET status = 'IN_COLLECTION' WHERE id = ?").param(collected).update();
        long t = f.tx("1200.00", KID_A, null, null, null);
        match();
        assertThat(f.open(disputed)).isEqualByComparingTo("100.00");
        assertThat(f.open(collected)).isEqualByComparingTo("100.00");
        assertThat(journal.unallocated(postingOf(t))).isEqualByComparingTo("200.00");
    }

    @Test
    void aPaymentTheBankReturnedIsNoCredit() {
        long t = f.tx("1200.00", KID_A, null, null, null, false, "E2E-9");
        match();
        f.tx("-1200.00", KID_A, null, null, "Retur", true, "E2E-9");
        match();
        assertThat(f.status(t)).isEqualTo("REVERSED");
        long next = invoiceDue(hansen, "2024-040", "80.00", "2024-05-15");
        match();
        assertThat(f.open(next)).isEqualByComparingTo("80.00");
        assertThat(cli.run("unmatched", "credits").out()).contains("No money on account.");
    }

    long invoiceDue(long customer, String no, String amount, String due) {
        long id = f.invoice(customer, no, null, amount);
        jdbc.sql("UPDATE invoice SET due_date = ? WHERE id = ?").params(Date.valueOf(due), id).update();
        return id;
    }

    String fingerprint() {
        return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM allocation")
                .query((rs, i) -> rs.getLong(1) + "/" + rs.getBigDecimal(2).toPlainString()).single()
                + jdbc.sql("SELECT COUNT(*) FROM posting").query(Long.class).single()
                + jdbc.sql("SELECT COALESCE(SUM(principal_open + fee_open + interest_open), 0) FROM invoice")
                        .query(BigDecimal.class).single().toPlainString();
    }
}
