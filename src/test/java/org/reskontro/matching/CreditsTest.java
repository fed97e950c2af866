package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.reskontro.reports.jdbc.KeyFiguresQuery;
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
    @Autowired
    KeyFiguresQuery keyFigures;

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
        assertThat(cli.run("unmatched", "credits", "--customer", "10001").out()).contains("200.00 NOK on account");
        assertThat(cli.run("unmatched", "credits", "--customer", "10002").out())
                .contains("No money on the account of 10002.");

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
        CliRunner.Result rec = cli.run("report", "reconciliation", "--date", "2024-04-30");
        assertThat(rec.out()).as(rec.out()).contains("RECONCILED:").doesNotContain("NOT RECONCILED");
    }

    CliRunner.Result refund(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "unmatched";
        all[1] = "refund";
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.run(all);
    }

    void ledgerHolds() {
        CliRunner.Result v = cli.run("verify");
        assertThat(v.exitCode()).as(v.out() + v.err()).isZero();
        CliRunner.Result rec = cli.run("report", "reconciliation", "--date", "2024-12-31");
        assertThat(rec.out()).as(rec.out()).contains("RECONCILED:").doesNotContain("NOT RECONCILED");
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void aRefundTakesTheMoneyOnAccountSoTheCreditStepCannotUseItAgain() {
        long t = f.tx("1200.00", KID_A, null, null, null);
        match();
        CliRunner.Result r = refund("10001", "150.00", "--reference", "PAY-77", "--date", "2024-05-02",
                "--reason", "asked for it back by phone", "--user", "kari");
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("Refund PAY-77 of 150.00 NOK to customer 10001 booked on 2024-05-02")
                .contains("150.00 NOK from the credit of payment posting " + postingOf(t))
                .contains("left on account: 50.00 NOK");
        assertThat(cli.run("unmatched", "credits").out()).contains("50.00 NOK on account").contains("total 50.00 NOK");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'REFUND' AND actor = 'kari' AND customer_id = ?",
                hansen)).isEqualTo(1);
        ledgerHolds();

        // the next invoice gets only what is left, not the refunded money
        long next = invoiceDue(hansen, "2024-020", "80.00", "2024-05-15");
        match();
        assertThat(f.open(next)).isEqualByComparingTo("30.00");
        assertThat(f.invoiceStatus(next)).isEqualTo("PARTIALLY_PAID");
        assertThat(cli.run("unmatched", "credits").out()).contains("No money on account.");
        ledgerHolds();

        CliRunner.Result export = cli.run("export", "journal", "--from", "2024-01-01", "--to", "2024-12-31");
        assertThat(export.out()).containsPattern("2024-05-02,P\\d+,1500,1920,150.00,NOK,10001,REFUND,");
        CliRunner.Result show = cli.run("unmatched", "show", String.valueOf(t));
        assertThat(show.out()).contains("REFUND 150.00 NOK").contains("refunds the credit of posting " + postingOf(t));
    }

    @Test
    void aRefundTakesTheOldestCreditsFirstAndIsNeverBookedTwice() {
        long first = f.tx("1100.00", KID_A, null, null, null);
        match();
        long second = f.tx("300.00", null, null, null, null);
        assertThat(cli.run("unmatched", "credit", String.valueOf(second), "10001").exitCode()).isZero();
        CliRunner.Result r = refund("10001", "250.00", "--reference", "PAY-1", "--reason", "overpaid", "--date",
                "2024-05-02");
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("100.00 NOK from the credit of payment posting " + postingOf(first))
                .contains("150.00 NOK from the credit of payment posting " + postingOf(second))
                .contains("left on account: 150.00 NOK");
        long postings = count("SELECT COUNT(*) FROM posting");

        CliRunner.Result again = refund("10001", "100.00", "--reference", "PAY-1", "--reason", "overpaid");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("refund PAY-1 to customer 10001 is already booked");
        CliRunner.Result tooMuch = refund("10001", "150.01", "--reference", "PAY-2", "--reason", "overpaid");
        assertThat(tooMuch.exitCode()).isNotZero();
        assertThat(tooMuch.err()).contains("customer 10001 has 150.00 NOK on account, less than the refund of 150.01 NOK");
        CliRunner.Result otherCurrency = refund("10001", "10.00", "--currency", "SEK", "--reference", "PAY-3",
                "--reason", "overpaid");
        assertThat(otherCurrency.err()).contains("has 0 SEK on account");
        assertThat(refund("10001", "10.001", "--reference", "PAY-4", "--reason", "x").err())
                .contains("more than 2 decimals");
        assertThat(refund("10001", "-5", "--reference", "PAY-5", "--reason", "x").err()).contains("not positive");
        assertThat(refund("99999", "5", "--reference", "PAY-6", "--reason", "x").err())
                .contains("customer 99999: not found");
        assertThat(refund("10001", "5", "--reference", "X".repeat(36), "--reason", "x").err())
                .contains("longer than 35 characters");
        assertThat(count("SELECT COUNT(*) FROM posting")).as("nothing refused was booked").isEqualTo(postings);

        assertThat(refund("10001", "150.00", "--reference", "PAY-2", "--reason", "the rest").exitCode()).isZero();
        assertThat(cli.run("unmatched", "credits").out()).contains("No money on account.");
        ledgerHolds();
    }

    @Test
    void aReturnedPaymentWhoseCreditWasRefundedLeavesTheRefundOwed() {
        long t = f.tx("1200.00", KID_A, null, null, null, false, "E2E-7");
        match();
        assertThat(refund("10001", "200.00", "--reference", "PAY-9", "--reason", "overpaid", "--date", "2024-05-02")
                .exitCode()).isZero();
        f.tx("-1200.00", KID_A, null, null, "Retur", true, "E2E-7");
        match();
        assertThat(f.status(t)).isEqualTo("REVERSED");
        assertThat(f.open(a)).isEqualByComparingTo("1000.00");
        // the customer owes the invoice and the 200.00 paid out of money that never came
        assertThat(jdbc.sql("SELECT SUM(amount) FROM posting WHERE customer_id = ?").param(hansen)
                .query(BigDecimal.class).single()).isEqualByComparingTo("1200.00");
        ledgerHolds();
    }

    @Test
    void aReturnedPaymentWithAWriteOffReconciles() {
        long t = f.tx("990.00", KID_A, null, null, null, false, "E2E-8");
        match();
        assertThat(f.invoiceStatus(a)).isEqualTo("PAID");
        assertThat(count("SELECT COUNT(*) FROM posting WHERE type = 'WRITE_OFF'")).isEqualTo(1);
        ledgerHolds();
        f.tx("-990.00", KID_A, null, null, "Retur", true, "E2E-8");
        match();
        assertThat(f.status(t)).isEqualTo("REVERSED");
        assertThat(f.open(a)).isEqualByComparingTo("1000.00");
        ledgerHolds();
        assertThat(keyFigures.keyFigures(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)).currencies())
                .singleElement().satisfies(k -> assertThat(k.losses()).as("the write-off was taken back")
                        .isEqualByComparingTo("0"));
    }

    @Test
    void undoingAPaymentWhoseCreditWasRefundedSaysTheCustomerOwesTheRefund() {
        long t = f.tx("1200.00", KID_A, null, null, null);
        match();
        assertThat(refund("10001", "120.00", "--reference", "PAY-10", "--reason", "overpaid").exitCode()).isZero();
        CliRunner.Result undo = cli.run("unmatched", "undo", String.valueOf(t), "--reason", "meant for another customer");
        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(undo.out()).contains("is open again")
                .contains("Note: 120.00 NOK of this payment's money on account was refunded to the customer");
        assertThat(f.open(a)).isEqualByComparingTo("1000.00");
        assertThat(jdbc.sql("SELECT details FROM audit_log WHERE action = 'MATCH_UNDO'").query(String.class).single())
                .contains("was refunded");
        ledgerHolds();
        assertThat(cli.run("report", "reconciliation", "--date", "2024-12-31").out())
                .contains("refunded from a payment since returned");
    }

    @Test
    void aCreditNoteNamingNoInvoiceIsUsedOnTheOpenInvoicesAndWhatIsLeftCanBeRefunded() {
        long kn1 = f.creditNote(hansen, "KN-101", "300.00");
        match();
        assertThat(f.open(a)).isEqualByComparingTo("700.00");
        assertThat(f.invoiceStatus(a)).isEqualTo("PARTIALLY_PAID");
        assertThat(f.invoiceStatus(kn1)).as("all of its credit is used").isEqualTo("PAID");
        assertThat(jdbc.sql("SELECT details FROM audit_log WHERE action = 'CREDIT_APPLIED'").query(String.class).single())
                .contains("credit 300.00 on account (credit note KN-101) used on 2024-001");
        ledgerHolds();

        long kn2 = f.creditNote(hansen, "KN-102", "1000.00");
        match();
        assertThat(f.open(a)).isEqualByComparingTo("0");
        assertThat(f.invoiceStatus(a)).isEqualTo("CREDITED");
        assertThat(f.invoiceStatus(kn2)).as("300.00 of it unused").isEqualTo("OPEN");
        assertThat(cli.run("unmatched", "credits").out()).contains("300.00 NOK on account since 2024-03-05 (credit note KN-102)");
        CliRunner.Result r = refund("10001", "300.00", "--reference", "PAY-KN", "--reason", "credit note paid out");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("300.00 NOK from the credit of credit note KN-102");
        assertThat(f.invoiceStatus(kn2)).isEqualTo("PAID");
        assertThat(cli.run("unmatched", "credits").out()).contains("No money on account.");
        ledgerHolds();
    }

    @Test
    void aRefundCanBeBookedFromItsPayoutInTheBankStatement() {
        long t = f.tx("1200.00", KID_A, null, null, null);
        long payout = f.tx("-200.00", null, null, null, "Tilbakebetaling", false, "PAYOUT-0420");
        long income = f.tx("50.00", null, "Ukjent", null, "gave");
        match();
        assertThat(f.status(payout)).isEqualTo("OUTGOING");
        CliRunner.Result wrongAmount = refund("10001", "150.00", "--transaction", String.valueOf(payout), "--reason", "x");
        assertThat(wrongAmount.err()).contains("bank transaction " + payout + " paid out 200.00 NOK, not 150.00 NOK");
        assertThat(refund("10001", "--transaction", String.valueOf(income), "--reason", "x").err())
                .contains("is no outgoing payment that could be a refund");
        assertThat(refund("10001", "--reason", "x").err()).contains("a refund needs its AMOUNT, or --transaction");

        CliRunner.Result r = refund("10001", "--transaction", String.valueOf(payout), "--reason", "overpaid",
                "--user", "kari");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Refund PAYOUT-0420 of 200.00 NOK to customer 10001 booked on 2024-04-20; bank "
                + "transaction " + payout + " is its payout").contains("left on account: 0.00 NOK");
        assertThat(f.status(payout)).isEqualTo("OUTGOING");
        assertThat(jdbc.sql("SELECT match_evidence FROM bank_transaction WHERE id = ?").param(payout).query(String.class)
                .single()).startsWith("refund PAYOUT-0420 of 200.00 NOK to customer 10001").contains("booked by kari");
        assertThat(cli.run("unmatched", "credits").out()).contains("No money on account.");
        assertThat(refund("10001", "--transaction", String.valueOf(payout), "--reason", "again").err())
                .contains("is already the payout of a refund");
        ledgerHolds();
        assertThat(postingOf(t)).isPositive();
    }

    @Test
    void verifyFindsARefundOfMoreThanWasOnAccount() {
        long t = f.tx("1200.00", KID_A, null, null, null);
        match();
        jdbc.sql("""
                INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, document_no, text,
                                     source, idem_key, reverses_id)
                VALUES (?, NULL, '2024-05-02', 'REFUND', 300.00, 'NOK', 'PAY-X', 'bad', 'test', 'test:refund', ?)""")
                .params(hansen, postingOf(t)).update();
        CliRunner.Result v = cli.run("verify");
        assertThat(v.exitCode()).isNotZero();
        assertThat(v.out() + v.err()).contains("allocates 1000.00 in 1 part(s) and refunds 300.00 but is only 1200.00");
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
