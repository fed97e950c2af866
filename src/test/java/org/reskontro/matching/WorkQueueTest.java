package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The work queue commands, their audit trail, the journal export and the benchmark's smoke run. */
@IntegrationTest
class WorkQueueTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;

    CliRunner cli;
    MatchingFixture f;
    long hansen;
    long inv1;
    long inv2;
    static final String KID1 = MatchingFixture.kid("1000010000001");

    @BeforeEach
    void setUp() {
        db.reset();
        cli = new CliRunner(context);
        f = new MatchingFixture(jdbc);
        hansen = f.customer("10001", "Byggmester Hansen AS", "914778271");
        inv1 = f.invoice(hansen, "2024-001", KID1, "1000.00");
        inv2 = f.invoice(hansen, "2024-002", MatchingFixture.kid("1000010000002"), "2500.00");
    }

    void match() {
        CliRunner.Result r = cli.run("match", "--date", "2024-04-30");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void theListShowsWhyAndRankedSuggestions() {
        String broken = KID1.substring(0, KID1.length() - 1) + (char) ('0' + (KID1.charAt(KID1.length() - 1) - '0' + 1) % 10);
        long t = f.tx("1000.00", broken, "B Hansen", null, null);
        match();
        CliRunner.Result r = cli.run("unmatched", "list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("#" + t).contains("1 000.00 NOK").contains("why open: ")
                .contains("1. invoice 2024-001 (customer 10001").contains("broken check digit");
    }

    @Test
    void theListFindsByTextAmountAndDateAndSaysHowManyThereAreInAll() {
        long small = f.tx("120.00", null, "Kari Nordmann", null, "Gave til 50%-fest");
        long large = f.tx("9000.00", null, "Ola Hansen", null, "diverse");
        long middle = f.tx("700.00", null, "Per Berg", null, "Kari sin regning");
        match();
        String all = cli.run("unmatched", "list").out();
        assertThat(all).contains("all 3 of 3 open transaction(s): 3 NOK 9 820.00");
        assertThat(all.indexOf("#" + small)).isLessThan(all.indexOf("#" + large));

        String kari = cli.run("unmatched", "list", "--search", "KARI").out();
        assertThat(kari).contains("#" + small).contains("#" + middle).doesNotContain("#" + large)
                .contains("all 2 of 2 open transaction(s) that match: 2 NOK 820.00");
        assertThat(cli.run("unmatched", "list", "--search", "50%").out()).contains("#" + small)
                .doesNotContain("#" + middle);
        assertThat(cli.run("unmatched", "list", "--search", "_").out()).contains("No open transaction matches.");
        assertThat(cli.run("unmatched", "list", "--amount", "700").out()).contains("#" + middle)
                .doesNotContain("#" + small).doesNotContain("#" + large);
        assertThat(cli.run("unmatched", "list", "--min-amount", "500", "--max-amount", "1000", "--currency", "nok")
                .out()).contains("#" + middle).doesNotContain("#" + large);
        assertThat(cli.run("unmatched", "list", "--currency", "SEK").out()).contains("No open transaction matches.");
        assertThat(cli.run("unmatched", "list", "--from", "2024-04-21").out()).contains("No open transaction matches.");
        assertThat(cli.run("unmatched", "list", "--from", "2024-04-20", "--to", "2024-04-20").out())
                .contains("3 of 3");

        String largest = cli.run("unmatched", "list", "--largest-first", "--limit", "2").out();
        assertThat(largest.indexOf("#" + large)).isLessThan(largest.indexOf("#" + middle));
        assertThat(largest).doesNotContain("#" + small).contains("showing 2 of 3 open transaction(s)");
        assertThat(cli.run("unmatched", "list", "--amount", "700", "--min-amount", "1").err())
                .contains("--amount is an exact amount");
    }

    @Test
    void theListAsCsvQuotesWhatNeedsItAndDefusesFormulas() {
        long t = f.tx("120.00", null, "=HYPERLINK(\"http://x\")", null, "Gave, til deg");
        match();
        CliRunner.Result r = cli.run("unmatched", "list", "--csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).isEqualTo("transaction,booking_date,amount,currency,payer_name,reference,text,why_open,"
                + "suggestions");
        assertThat(lines[1]).startsWith(t + ",2024-04-20,120.00,NOK,\"'=HYPERLINK(\"\"http://x\"\")\",,\"Gave, til deg\",");
        assertThat(lines).hasSize(2);
    }

    @Test
    void aPaymentWithNoClueButTheAmountGetsTheInvoicesOpenForExactlyThatAmount() {
        long lone = f.tx("2500.00", null, "Ukjent Person", null, "Gave");
        long common = f.tx("700.00", null, "Ukjent Person", null, "Gave");
        long other = f.customer("10002", "Fjord Fisk AS", "923609016");
        for (int i = 1; i <= 4; i++) {
            f.invoice(other, "2024-10" + i, MatchingFixture.kid("1000020000" + String.format("%03d", i)), "700.00");
        }
        match();
        assertThat(f.status(lone)).isEqualTo("OPEN");
        String list = cli.run("unmatched", "list").out();
        assertThat(list).contains("#" + lone).contains("1. invoice 2024-002 (customer 10001")
                .contains("the open amount of 2024-002 (customer 10001) equals the payment");
        // four invoices open for 700.00: too common an amount to suggest any
        String commonEntry = list.substring(list.indexOf("#" + common));
        assertThat(commonEntry).contains("no suggestion");
    }

    @Test
    void theListNeedsAPositiveLimit() {
        CliRunner.Result r = cli.run("unmatched", "list", "--limit", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--limit must be at least 1");
    }

    @Test
    void assignAllocatesAndIsAudited() {
        long t = f.tx("3500.00", null, "Noen", null, "Betaling");
        match();
        CliRunner.Result r = cli.run("unmatched", "assign", String.valueOf(t), "2024-001", "2024-002", "--user", "kari",
                "--reason", "customer called");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(f.status(t)).isEqualTo("MATCHED");
        assertThat(f.rule(t)).isEqualTo("MANUAL");
        assertThat(f.invoiceStatus(inv1)).isEqualTo("PAID");
        assertThat(f.invoiceStatus(inv2)).isEqualTo("PAID");
        assertThat(jdbc.sql("SELECT CONCAT(actor, ' ', action, ' ', details) FROM audit_log").query(String.class).single())
                .startsWith("kari MATCH_ASSIGN").contains("customer called");
        assertThat(cli.run("unmatched", "list").out()).contains("Nothing left to match.");
        // a second assign of the same transaction is refused
        CliRunner.Result again = cli.run("unmatched", "assign", String.valueOf(t), "2024-001");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("is MATCHED, not OPEN");
    }

    @Test
    void creditPutsItOnAccountAndIgnoreNeedsAReason() {
        long t1 = f.tx("300.00", null, "Noen", null, null);
        long t2 = f.tx("12.00", null, "Bank", null, "Renter");
        match();
        assertThat(cli.run("unmatched", "credit", String.valueOf(t1), "10001", "--user", "ola").exitCode()).isZero();
        assertThat(f.status(t1)).isEqualTo("ON_ACCOUNT");
        assertThat(f.open(inv1)).isEqualByComparingTo("1000.00");
        assertThat(cli.run("unmatched", "ignore", String.valueOf(t2)).exitCode()).isEqualTo(2);
        assertThat(cli.run("unmatched", "ignore", String.valueOf(t2), "--reason", "bank interest", "--user", "ola")
                .exitCode()).isZero();
        assertThat(f.status(t2)).isEqualTo("IGNORED");
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE actor = 'ola' ORDER BY id").query(String.class).list())
                .containsExactly("MATCH_ON_ACCOUNT", "MATCH_IGNORE");
        // the default user is the OS user
        long t3 = f.tx("13.00", null, "Bank", null, "Renter");
        assertThat(cli.run("unmatched", "ignore", String.valueOf(t3), "--reason", "interest").exitCode()).isZero();
        assertThat(jdbc.sql("SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1").query(String.class).single())
                .isEqualTo(System.getProperty("user.name"));
    }

    void verifyHolds() {
        CliRunner.Result v = cli.run("verify");
        assertThat(v.exitCode()).as(v.out()).isZero();
    }

    @Test
    void undoReversesAnAutomaticMatchAndLeavesThePaymentToPeople() {
        long t = f.tx("1000.00", KID1, "B Hansen", null, null);
        match();
        assertThat(f.status(t)).isEqualTo("MATCHED");
        assertThat(f.invoiceStatus(inv1)).isEqualTo("PAID");
        long payment = jdbc.sql("SELECT posting_id FROM bank_transaction WHERE id = ?").param(t).query(Long.class).single();

        CliRunner.Result noReason = cli.run("unmatched", "undo", String.valueOf(t));
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(f.status(t)).isEqualTo("MATCHED");

        CliRunner.Result r = cli.run("unmatched", "undo", String.valueOf(t), "--reason", "the customer paid for his son",
                "--user", "kari");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(f.status(t)).isEqualTo("OPEN");
        assertThat(f.invoiceStatus(inv1)).isEqualTo("OPEN");
        assertThat(f.open(inv1)).isEqualByComparingTo("1000.00");
        // the journal stays append-only: the payment is still there, reversed
        assertThat(jdbc.sql("SELECT amount FROM posting WHERE type = 'REVERSAL' AND reverses_id = ?").param(payment)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("1000.00");
        assertThat(jdbc.sql("SELECT CONCAT(actor, ' ', action, ' ', details) FROM audit_log").query(String.class).single())
                .startsWith("kari MATCH_UNDO").contains("the customer paid for his son");
        verifyHolds();

        // the job does not match it again: a person does
        match();
        assertThat(f.status(t)).isEqualTo("OPEN");
        assertThat(f.open(inv1)).isEqualByComparingTo("1000.00");
        assertThat(cli.run("unmatched", "list").out()).contains("#" + t).contains("undone by kari");
        CliRunner.Result assign = cli.run("unmatched", "assign", String.valueOf(t), "2024-002", "--user", "kari");
        assertThat(assign.exitCode()).as(assign.err()).isZero();
        assertThat(f.status(t)).isEqualTo("MATCHED");
        assertThat(f.open(inv1)).isEqualByComparingTo("1000.00");
        assertThat(f.open(inv2)).isEqualByComparingTo("1500.00");
        assertThat(jdbc.sql("SELECT p.idem_key FROM bank_transaction t JOIN posting p ON p.id = t.posting_id WHERE t.id = ?")
                .param(t).query(String.class).single()).isEqualTo("bank-tx:" + t + "/1");
        verifyHolds();

        // the whole story of the transaction, for the person who looks at it next
        CliRunner.Result show = cli.run("unmatched", "show", String.valueOf(t));
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Bank transaction #" + t).contains("1 000.00 NOK")
                .contains("status: MATCHED by MANUAL, customer 10001").contains("undone 1 time(s)")
                .contains("PAYMENT -1 000.00 NOK (bank-tx:" + t + ")")
                .contains("REVERSAL 1 000.00 NOK (undo:bank-tx:" + t + "/1), reverses posting " + payment)
                .contains("PAYMENT -1 000.00 NOK (bank-tx:" + t + "/1)")
                .contains("allocated: 2024-001 PRINCIPAL 1000.00").contains("allocated: 2024-002 PRINCIPAL 1000.00")
                .contains("kari  MATCH_UNDO").contains("kari  MATCH_ASSIGN")
                .doesNotContain("reverses posting 0");
        CliRunner.Result missing = cli.run("unmatched", "show", "999999");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("bank transaction 999999: not found");

        // undone a second time, and then there is nothing left to undo
        assertThat(cli.run("unmatched", "undo", String.valueOf(t), "--reason", "still wrong").exitCode()).isZero();
        assertThat(f.open(inv2)).isEqualByComparingTo("2500.00");
        CliRunner.Result again = cli.run("unmatched", "undo", String.valueOf(t), "--reason", "twice");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("is OPEN: nothing to undo");
        verifyHolds();
    }

    @Test
    void undoTakesBackACreditTheCreditStepUsedAndLiftsAnIgnore() {
        long t1 = f.tx("300.00", null, "Noen", null, null);
        long t2 = f.tx("12.00", null, "Bank", null, "Renter");
        match();
        assertThat(cli.run("unmatched", "credit", String.valueOf(t1), "10001").exitCode()).isZero();
        assertThat(cli.run("unmatched", "ignore", String.valueOf(t2), "--reason", "interest").exitCode()).isZero();
        match(); // the credit step uses the 300 on account on the oldest open invoice
        assertThat(f.open(inv1)).isEqualByComparingTo("700.00");

        assertThat(cli.run("unmatched", "undo", String.valueOf(t1), "--reason", "not his money").exitCode()).isZero();
        assertThat(f.status(t1)).isEqualTo("OPEN");
        assertThat(f.open(inv1)).isEqualByComparingTo("1000.00");
        assertThat(cli.run("unmatched", "credits").out()).contains("No money on account.");

        assertThat(cli.run("unmatched", "undo", String.valueOf(t2), "--reason", "it was a payment").exitCode()).isZero();
        assertThat(f.status(t2)).isEqualTo("OPEN");
        assertThat(jdbc.sql("SELECT ignored_reason FROM bank_transaction WHERE id = ?").param(t2).query(String.class)
                .optional()).isEmpty();
        verifyHolds();
    }

    @Test
    void aReturnOfAPaymentReassignedByHandUndoesTheManualPosting() {
        long paid = f.tx("1000.00", KID1, "B Hansen", null, null);
        match();
        assertThat(cli.run("unmatched", "undo", String.valueOf(paid), "--reason", "check with the customer").exitCode())
                .isZero();
        assertThat(cli.run("unmatched", "assign", String.valueOf(paid), "2024-001").exitCode()).isZero();
        assertThat(f.invoiceStatus(inv1)).isEqualTo("PAID");
        long back = f.tx("-1000.00", KID1, "B Hansen", null, "Retur");
        jdbc.sql("UPDATE bank_transaction SET reversal = TRUE WHERE id = ?").param(back).update();
        match();
        assertThat(f.status(paid)).isEqualTo("REVERSED");
        assertThat(f.status(back)).isEqualTo("REVERSED");
        assertThat(f.open(inv1)).isEqualByComparingTo("1000.00");
        // the return reversed the manual posting, not again the one the undo reversed
        assertThat(jdbc.sql("""
                SELECT o.idem_key FROM bank_transaction t JOIN posting r ON r.id = t.posting_id
                  JOIN posting o ON o.id = r.reverses_id WHERE t.id = ?""").param(back).query(String.class).single())
                .isEqualTo("bank-tx:" + paid + "/1");
        verifyHolds();
    }

    @Test
    void anAmountWithFractionsOfAMinorUnitIsRefusedForPostingButCanBeIgnoredAndUndone() {
        long t = f.tx("100.12345", null, "Noen", null, null);
        match();
        assertThat(cli.run("unmatched", "list").out()).contains("100.12345 NOK"); // shown as the bank wrote it
        CliRunner.Result assign = cli.run("unmatched", "assign", String.valueOf(t), "2024-001");
        assertThat(assign.exitCode()).isEqualTo(2);
        assertThat(assign.err()).contains("100.12345 NOK has fractions of a minor unit");
        assertThat(cli.run("unmatched", "ignore", String.valueOf(t), "--reason", "bank error").exitCode()).isZero();
        assertThat(f.status(t)).isEqualTo("IGNORED");
        CliRunner.Result undo = cli.run("unmatched", "undo", String.valueOf(t), "--reason", "look again");
        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(f.status(t)).isEqualTo("OPEN");
        assertThat(jdbc.sql("SELECT details FROM audit_log WHERE action = 'MATCH_UNDO'").query(String.class).single())
                .contains("100.12345 NOK");
        verifyHolds();
    }

    @Test
    void assignRefusesAnInvoiceInAnotherCurrency() {
        long t = f.tx("1000.00", null, "Noen", null, null);
        jdbc.sql("UPDATE bank_transaction SET currency = 'SEK' WHERE id = ?").param(t).update();
        match();
        CliRunner.Result r = cli.run("unmatched", "assign", String.valueOf(t), "2024-001");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("invoice 2024-001 is in NOK, bank transaction " + t + " in SEK");
        assertThat(f.status(t)).isEqualTo("OPEN");
        assertThat(f.open(inv1)).isEqualByComparingTo("1000.00");
    }

    @Test
    void assignRefusesAnInvoiceNamedTwice() {
        long t = f.tx("1000.00", null, "Noen", null, null);
        match();
        CliRunner.Result r = cli.run("unmatched", "assign", String.valueOf(t), "2024-001", "2024-002", "2024-001");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("an invoice is named more than once");
        assertThat(f.status(t)).isEqualTo("OPEN");
    }

    @Test
    void theBanksReturnsAreNotUndoneByHand() {
        long paid = f.tx("1000.00", KID1, "B Hansen", null, null);
        match();
        long back = f.tx("-1000.00", KID1, "B Hansen", null, "Retur");
        jdbc.sql("UPDATE bank_transaction SET reversal = TRUE WHERE id = ?").param(back).update();
        match();
        assertThat(f.status(paid)).isEqualTo("REVERSED");
        CliRunner.Result r = cli.run("unmatched", "undo", String.valueOf(back), "--reason", "no");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("is REVERSED");
    }

    @Test
    void theJournalExportDebitsBankAndCreditsReceivables(@TempDir Path dir) throws IOException {
        f.tx("1000.00", KID1, null, null, null);
        f.tx("2490.00", MatchingFixture.kid("1000010000002"), null, null, null);
        match();
        Path out = dir.resolve("journal.csv");
        CliRunner.Result r = cli.run("export", "journal", "--from", "2024-04-01", "--to", "2024-04-30", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("date,voucher,debit_account,credit_account,amount,currency,customer_no,type,text");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("2024-04-20,").contains(",1920,1500,1000.00,NOK,10001,PAYMENT"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",7830,1500,10.00,NOK,10001,WRITE_OFF"));
        assertThat(lines).hasSize(4);
        CliRunner.Result none = cli.run("export", "journal", "--from", "2024-05-01", "--to", "2024-05-31");
        assertThat(none.out().trim()).isEqualTo("date,voucher,debit_account,credit_account,amount,currency,customer_no,type,text");
    }

    @Test
    void theReversalOfAWriteOffIsExportedAgainstTheWriteOffAccount(@TempDir Path dir) throws IOException {
        long t = f.tx("2490.00", MatchingFixture.kid("1000010000002"), null, null, null);
        match();
        assertThat(f.rule(t)).isNotNull();
        assertThat(cli.run("unmatched", "undo", String.valueOf(t), "--reason", "not hers").exitCode()).isZero();
        Path out = dir.resolve("journal.csv");
        CliRunner.Result r = cli.run("export", "journal", "--from", "2024-01-01", "--to", "2100-12-31", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",1920,1500,2490.00,NOK,10001,PAYMENT"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",7830,1500,10.00,NOK,10001,WRITE_OFF"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",1500,1920,2490.00,NOK,10001,REVERSAL"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(",1500,7830,10.00,NOK,10001,REVERSAL"));
        assertThat(lines).hasSize(5);
        assertThat(f.open(inv2)).isEqualByComparingTo("2500.00");
        verifyHolds();
    }

    @Test
    void theBenchmarkSmokeRunMakesNoWrongMatch() {
        db.reset();
        CliRunner.Result r = cli.run("bench", "matching", "--payments", "200", "--seed", "7");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("WRONG 0").contains("precision 100.0000%");
        // the synthetic ledger is a consistent one: its matched history has its invoices, postings and allocations
        assertThat(jdbc.sql("SELECT COUNT(*) FROM bank_transaction WHERE tx_key LIKE 'history:%'").query(Long.class)
                .single()).isPositive();
        verifyHolds();
    }

    @Test
    void theBenchmarkRefusesARealLedger() {
        CliRunner.Result r = cli.run("bench", "matching", "--payments", "200");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("holds a real ledger");
    }
}
