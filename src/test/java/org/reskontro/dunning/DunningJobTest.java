package org.reskontro.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.dunning.batch.DunningRun;
import org.reskontro.operations.config.ReskontroProperties;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class DunningJobTest {

    static final String D1 = "2024-03-04"; // 3 days after due: level 1 (1 day after the 2 grace days)
    static final String D2 = "2024-03-11"; // 10 days: level 2, Norwegian fee withheld before day 14
    static final String D3 = "2024-03-25"; // 24 days: final notice, 14 days to pay
    static final String D4 = "2024-04-18"; // 48 days and the final notice's deadline passed: collection

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DunningRun run;

    CliRunner cli;

    @BeforeEach
    void setUp(@TempDir Path dir) throws IOException {
        db.reset();
        cli = new CliRunner(context);
        Path customers = dir.resolve("customers.csv");
        Files.writeString(customers, """
                customer_no,name,org_no,country,currency,language,email,address,postal_code,city,customer_type,credit_limit,reminder_fee_agreed,hold_reason,hold_until
                20001,Ola Hansen,,NO,NOK,nb,ola@example.no,Gate 1,0150,Oslo,consumer,30000,false,,
                20002,Göteborgs Bygg AB,557051-2946,SE,SEK,sv,bygg@example.se,Kungsgatan 5,41119,Göteborg,business,200000,true,,
                20003,Kari Berg,,NO,NOK,nb,,Gate 2,0150,Oslo,consumer,30000,false,,
                20004,Per Vik,,NO,NOK,nb,per@example.no,Gate 3,0150,Oslo,consumer,30000,false,,
                """);
        Path invoices = dir.resolve("invoices.csv");
        Files.writeString(invoices, """
                invoice_no,customer_no,type,issue_date,due_date,currency,amount,vat_amount,reference,credits_invoice_no
                T-1,20001,invoice,2024-02-15,2024-03-01,NOK,1000.00,200.00,,
                T-2,20002,invoice,2024-02-15,2024-03-01,SEK,10000.00,2000.00,,
                T-3,20003,invoice,2024-02-15,2024-03-01,NOK,5000.00,1000.00,,
                T-4,20004,invoice,2024-02-15,2024-03-02,NOK,800.00,160.00,,
                T-5,20004,invoice,2024-01-15,2024-01-31,NOK,900.00,180.00,,
                """);
        Path payments = dir.resolve("payments.csv");
        Files.writeString(payments, """
                payment_date,customer_no,amount,currency,invoice_no,reference
                2024-02-20,20004,900.00,NOK,T-5,
                """);
        CliRunner.Result r = cli.run("import-ledger", "--customers", customers.toString(), "--invoices",
                invoices.toString(), "--payments", payments.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void sampleCustomersGoThroughAllFourLevelsWithTheLegalRules() throws IOException {
        CliRunner.Result hold = cli.run("hold", "--customer", "20003", "--reason", "Dispute: wrong delivery",
                "--until", "2024-03-11");
        assertThat(hold.exitCode()).as(hold.err()).isZero();
        assertThat(hold.out()).contains("customer 20003: on hold (Dispute: wrong delivery) until 2024-03-11");

        // level 1: friendly reminder, no fee; T-4 is 2 days overdue, inside the grace days for payments in transit
        CliRunner.Result r1 = dunning(D1);
        assertThat(r1.out()).contains("warning: no bank statement imported yet");
        assertThat(level("T-1")).isEqualTo(1);
        assertThat(level("T-2")).isEqualTo(1);
        assertThat(level("T-3")).as("on hold").isZero();
        assertThat(level("T-4")).as("grace days").isZero();
        assertThat(level("T-5")).as("paid: never dunned").isZero();
        assertThat(fees("T-1")).isEqualByComparingTo("0");

        // level 2: the Norwegian fee is withheld before day 14, the Swedish agreed fee of 60 is charged
        dunning(D2);
        assertThat(level("T-1")).isEqualTo(2);
        assertThat(fees("T-1")).isEqualByComparingTo("0");
        assertThat(history("T-1", "NOTICE")).contains("fee withheld: Norwegian reminder fee needs 14 days after due date");
        assertThat(fees("T-2")).isEqualByComparingTo("60.00");
        assertThat(level("T-3")).as("still on hold on its last day").isZero();

        // the idempotent rerun: the job instance is complete, and deciding again writes nothing either
        String before = snapshot();
        CliRunner.Result again = cli.run("dunning", "--date", D2);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("ran before; nothing changed");
        DunningRun.Summary s = run.run(LocalDate.parse(D2), false, d -> { });
        assertThat(s.letters).isZero();
        assertThat(snapshot()).isEqualTo(before);

        // the dry run shows what D3 would do and changes nothing
        CliRunner.Result dry = cli.run("dunning", "--date", D3, "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Dry run for 2024-03-25").contains("20001 Ola Hansen (NO consumer): letter level 3")
                .contains("L2 -> L3, fee 35.00").contains("20003 Kari Berg").contains("PRINT");
        assertThat(snapshot()).isEqualTo(before);

        // level 3: inkassovarsel with the one Norwegian fee allowed so far and 14 days; the hold has ended
        dunning(D3);
        assertThat(level("T-1")).isEqualTo(3);
        assertThat(fees("T-1")).isEqualByComparingTo("35.00");
        assertThat(level("T-2")).isEqualTo(3);
        assertThat(fees("T-2")).as("Swedish fee once per claim (policy has none at level 3)").isEqualByComparingTo("60.00");
        assertThat(level("T-3")).as("escalation resumes after the hold, at the level the days call for").isEqualTo(3);
        assertThat(jdbc.sql("SELECT channel FROM letter WHERE customer_id = (SELECT id FROM customer WHERE customer_no = '20003')")
                .query(String.class).single()).isEqualTo("PRINT");

        // collection once the deadline has passed: interest posted, Swedish compensation 450 less the 60 fee
        dunning(D4);
        assertThat(status("T-1")).isEqualTo("IN_COLLECTION");
        assertThat(status("T-2")).isEqualTo("IN_COLLECTION");
        assertThat(interest("T-1")).isEqualByComparingTo("16.44"); // 1 000 x 12.50 % x 48/365
        assertThat(interest("T-2")).isEqualByComparingTo("157.81"); // 10 000 x 12.00 % x 48/365
        assertThat(fees("T-2")).isEqualByComparingTo("450.00");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posting WHERE idem_key = 'dunning:T-1:L4:interest' AND type = 'INTEREST'")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(letters("20001")).isEqualTo(4);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'DUNNING_LEVEL_%'").query(Long.class).single())
                .isGreaterThanOrEqualTo(8);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'HOLD_SET'").query(Long.class).single()).isOne();

        // the general ledger gets what dunning charged: debit receivables, credit the fee and interest income accounts
        CliRunner.Result journal = cli.run("export", "journal", "--from", "2024-01-01", "--to", "2024-12-31");
        assertThat(journal.exitCode()).as(journal.err()).isZero();
        assertThat(journal.out()).contains(",1500,3900,60.00,SEK,20002,FEE,")
                .contains(",1500,3900,390.00,SEK,20002,FEE,")
                .contains(",1500,8050,16.44,NOK,20001,INTEREST,")
                .contains(",1500,8050,157.81,SEK,20002,INTEREST,")
                .as("the invoicing system's own journal has the invoices").doesNotContain(",INVOICE,");

        Path export = context.getBean(ReskontroProperties.class).folders().export();
        Path csv = export.resolve("collection-2024-04-18.csv");
        String exported = Files.readString(csv);
        assertThat(exported).contains("20001,Ola Hansen,,Gate 1,0150,Oslo,NO,ola@example.no,CONSUMER,T-1,2024-02-15,"
                + "2024-03-01,NOK,1000.00,35.00,16.44,1051.44,L1 2024-03-04;L2 2024-03-11;L3 2024-03-25;L4 2024-04-18,");
        assertThat(exported).contains("T-3,2024-02-15,2024-03-01,NOK,5000.00,35.00,82.19,5117.19,L3 2024-03-25;L4 2024-04-18,Dispute: wrong delivery");
        assertThat(exported).contains("20002,Göteborgs Bygg AB,557051-2946");
        String json = Files.readString(export.resolve("collection-2024-04-18.json"));
        assertThat(json).contains("\"invoiceNo\": \"T-2\"").contains("\"fees\": 450.00")
                .contains("{\"level\": 3, \"date\": \"2024-03-25\"}");

        // nothing more happens to claims in collection
        String end = snapshot();
        run.run(LocalDate.parse("2024-05-30"), false, d -> { });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dunning_history WHERE invoice_id IN (SELECT id FROM invoice WHERE invoice_no IN ('T-1', 'T-2')) AND business_date = '2024-05-30'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void anInvoiceHoldStopsItsItemUntilReleasedAndTheReleaseIsAudited() {
        assertThat(cli.run("hold", "--invoice", "T-1", "--reason", "Payment plan").exitCode()).isZero();
        dunning("2024-04-01");
        assertThat(level("T-1")).isZero();
        assertThat(level("T-2")).isEqualTo(3);
        CliRunner.Result release = cli.run("hold", "--invoice", "T-1", "--release");
        assertThat(release.out()).contains("invoice T-1: hold released");
        dunning("2024-04-02");
        assertThat(level("T-1")).isEqualTo(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'HOLD_RELEASED' AND invoice_id IS NOT NULL")
                .query(Long.class).single()).isOne();
    }

    @Test
    void aRunCanBeMadeToWaitForTheBankFiles() {
        CliRunner.Result bad = cli.run("hold", "--customer", "20001");
        assertThat(bad.exitCode()).isEqualTo(2);
        CliRunner.Result dry = cli.run("dunning", "--date", D1, "--dry-run");
        assertThat(dry.out()).contains("warning: no bank statement imported yet: payments up to 2024-03-01 may be missing");

        jdbc.sql("INSERT INTO bank_file (id, sha256, file_name, format, status) VALUES (1, 'x', 'f.xml', 'CAMT053', 'IMPORTED')")
                .update();
        jdbc.sql("INSERT INTO bank_statement (id, bank_file_id, statement_key, format, statement_date) "
                + "VALUES (1, 1, 'k', 'CAMT053', '2024-03-01')").update();
        jdbc.sql("INSERT INTO bank_transaction (bank_statement_id, tx_key, amount, currency, booking_date, match_status) "
                + "VALUES (1, 't1', 1200.00, 'NOK', '2024-03-01', 'OPEN')").update();
        CliRunner.Result waiting = cli.run("dunning", "--date", D1, "--dry-run");
        assertThat(waiting.out()).doesNotContain("no bank statement")
                .contains("warning: 1 bank transaction(s) booked before 2024-03-04 are not matched yet");
        jdbc.sql("UPDATE bank_transaction SET match_status = 'MATCHED'").update();
        assertThat(cli.run("dunning", "--date", D1, "--dry-run").out()).doesNotContain("warning:");
    }

    @Test
    void theSampleDataDryRunShowsEveryLevelAndWritesNothing(@TempDir Path dir) throws IOException {
        db.reset();
        CliRunner.Result imported = cli.run("import-ledger", "--customers", "sample-data/customers.csv", "--invoices",
                "sample-data/invoices.csv", "--payments", "sample-data/payments.csv");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(level("2024-015")).as("migrated dunning state").isEqualTo(3);
        String before = snapshot();
        CliRunner.Result dry = cli.run("dunning", "--date", "2024-04-30", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("letter level 1 reminder").contains("letter level 2 formal-reminder")
                .contains("letter level 3 final-notice").contains("letter level 4 collection")
                .contains("L3 -> L4, compensation 450.00, to collection")
                .contains("fee withheld: Norwegian reminder fee needs 14 days after due date")
                .contains("10008 Lillehammer Sport AS: no letter, customer on hold: Dispute");
        assertThat(snapshot()).isEqualTo(before);

        // a bad migrated level is rejected naming the line
        Path bad = dir.resolve("inv.csv");
        Files.writeString(bad, """
                invoice_no,customer_no,type,issue_date,due_date,currency,amount,vat_amount,reference,credits_invoice_no,dunning_level,last_dunning_date
                X-1,10001,invoice,2024-01-01,2024-01-15,NOK,100.00,20.00,,,7,2024-02-01
                """);
        CliRunner.Result rejected = cli.run("import-ledger", "--invoices", bad.toString());
        assertThat(rejected.exitCode()).isEqualTo(2);
        assertThat(rejected.err()).contains("inv.csv:2: field 'dunning_level'");
    }

    private CliRunner.Result dunning(String date) {
        CliRunner.Result r = cli.run("dunning", "--date", date);
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("dunningJob completed");
        return r;
    }

    private int level(String invoiceNo) {
        return jdbc.sql("SELECT dunning_level FROM invoice WHERE invoice_no = ?").param(invoiceNo).query(Integer.class).single();
    }

    private String status(String invoiceNo) {
        return jdbc.sql("SELECT status FROM invoice WHERE invoice_no = ?").param(invoiceNo).query(String.class).single();
    }

    private BigDecimal fees(String invoiceNo) {
        return jdbc.sql("SELECT fee_open FROM invoice WHERE invoice_no = ?").param(invoiceNo).query(BigDecimal.class).single();
    }

    private BigDecimal interest(String invoiceNo) {
        return jdbc.sql("SELECT interest_open FROM invoice WHERE invoice_no = ?").param(invoiceNo).query(BigDecimal.class).single();
    }

    private long letters(String customerNo) {
        return jdbc.sql("SELECT COUNT(*) FROM letter l JOIN customer c ON c.id = l.customer_id WHERE c.customer_no = ?")
                .param(customerNo).query(Long.class).single();
    }

    private String history(String invoiceNo, String action) {
        return String.join("\n", jdbc.sql("""
                SELECT h.rule_text FROM dunning_history h JOIN invoice i ON i.id = h.invoice_id
                 WHERE i.invoice_no = ? AND h.action = ? ORDER BY h.id""")
                .params(invoiceNo, action).query(String.class).list());
    }

    private String snapshot() {
        return String.join("\n", jdbc.sql("SELECT CONCAT(idem_key, '|', amount) FROM posting ORDER BY idem_key")
                .query(String.class).list())
                + String.join(",", jdbc.sql("""
                        SELECT invoice_no, status, dunning_level, last_dunning_date, fee_open, interest_open,
                               reminder_fee_count, dunning_fee_total
                          FROM invoice ORDER BY invoice_no""")
                .query((rs, i) -> rs.getString(1) + rs.getString(2) + rs.getInt(3) + rs.getDate(4)
                        + rs.getBigDecimal(5).toPlainString() + rs.getBigDecimal(6).toPlainString() + rs.getInt(7)
                        + rs.getBigDecimal(8).toPlainString()).list())
                + db.count("letter") + "/" + db.count("dunning_history") + "/" + db.count("audit_log");
    }
}
