package org.reskontro.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.reports.jdbc.AgingQuery;
import org.reskontro.reports.jdbc.DailyReportWriter;
import org.reskontro.reports.jdbc.ReconciliationQuery;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ReportCommandTest {

    static final String HEADER_CUSTOMERS = "customer_no,name,org_no,country,currency,language,email,address,postal_code,"
            + "city,customer_type,credit_limit,reminder_fee_agreed,hold_reason,hold_until\n";
    static final String HEADER_INVOICES = "invoice_no,customer_no,type,issue_date,due_date,currency,amount,vat_amount,"
            + "reference,credits_invoice_no\n";
    static final String HEADER_PAYMENTS = "payment_date,customer_no,amount,currency,invoice_no,reference\n";

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AgingQuery aging;
    @Autowired
    ReconciliationQuery reconciliation;
    @Autowired
    DailyReportWriter daily;

    @TempDir
    Path dir;

    CliRunner cli;

    @BeforeEach
    void setUp() {
        db.reset();
        cli = new CliRunner(context);
    }

    /** The Norwegian article's three customers as of 2024-04-30, plus a Swedish one in SEK. */
    void importArticleCustomers() throws IOException {
        Path customers = dir.resolve("customers.csv");
        Files.writeString(customers, HEADER_CUSTOMERS + """
                901,Kunde A,,NO,NOK,nb,a@example.no,,,,business,,false,,
                902,Kunde B,,NO,NOK,nb,b@example.no,,,,business,,false,,
                903,Kunde C <&> AS,,NO,NOK,nb,c@example.no,,,,business,,false,,
                904,Kund D AB,,SE,SEK,sv,d@example.se,,,,business,,false,,
                """);
        Path invoices = dir.resolve("invoices.csv");
        Files.writeString(invoices, HEADER_INVOICES + """
                A-1,901,invoice,2024-04-01,2024-04-15,NOK,100000.00,20000.00,,
                A-2,901,invoice,2024-03-01,2024-03-15,NOK,50000.00,10000.00,,
                B-1,902,invoice,2024-04-06,2024-04-20,NOK,30000.00,6000.00,,
                B-2,902,invoice,2024-03-06,2024-03-20,NOK,25000.00,5000.00,,
                B-3,902,invoice,2024-02-06,2024-02-20,NOK,25000.00,5000.00,,
                C-1,903,invoice,2024-02-01,2024-02-15,NOK,20000.00,4000.00,,
                C-2,903,invoice,2023-12-27,2024-01-10,NOK,25000.00,5000.00,,
                D-1,904,invoice,2024-04-20,2024-05-20,SEK,1000.00,200.00,,
                """);
        CliRunner.Result r = cli.run("import-ledger", "--customers", customers.toString(), "--invoices",
                invoices.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void agingReproducesTheArticlesTable() throws IOException {
        importArticleCustomers();
        CliRunner.Result r = cli.run("report", "aging", "--date", "2024-04-30");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String nok = r.out().substring(r.out().indexOf("Currency NOK"), r.out().indexOf("Currency SEK"));
        assertThat(line(nok, "Total")).containsSubsequence("0.00", "130 000.00", "75 000.00", "45 000.00", "25 000.00",
                "275 000.00");
        assertThat(line(nok, "Share").split("\\s{2,}")).containsSubsequence("47 %", "27 %", "16 %", "9 %", "100 %");
        assertThat(line(nok, "901")).containsSubsequence("100 000.00", "50 000.00", "150 000.00");
        assertThat(line(nok, "902")).containsSubsequence("30 000.00", "25 000.00", "25 000.00", "80 000.00");
        // SEK is reported on its own, not added to the NOK total
        String sek = r.out().substring(r.out().indexOf("Currency SEK"));
        assertThat(line(sek, "Total")).containsSubsequence("1 000.00", "0.00", "1 000.00");

        CliRunner.Result csv = cli.run("report", "aging", "--date", "2024-04-30", "--format", "csv");
        assertThat(csv.out()).contains("2024-04-30,NOK,TOTAL,,0.00,130000.00,75000.00,45000.00,25000.00,275000.00")
                .contains("2024-04-30,NOK,SHARE_PERCENT,,0,47,27,16,9,100")
                .contains("2024-04-30,NOK,903,Kunde C <&> AS,0.00,0.00,0.00,20000.00,25000.00,45000.00");
    }

    @Test
    void agingAsOfAnEarlierDateUndoesLaterPaymentsAndLeavesOutLaterInvoices() throws IOException {
        importArticleCustomers();
        Path payments = dir.resolve("payments.csv");
        Files.writeString(payments, HEADER_PAYMENTS + "2024-04-25,901,50000.00,NOK,A-2,\n");
        assertThat(cli.run("import-ledger", "--payments", payments.toString()).exitCode()).isZero();

        AgingReport now = aging.aging(LocalDate.of(2024, 4, 30));
        assertThat(now.section("NOK").total().total()).isEqualByComparingTo("225000");
        AgingReport before = aging.aging(LocalDate.of(2024, 4, 10));
        // as of 10 April: A-2 still open (26 days past due), A-1 not yet due, the SEK invoice not issued yet
        assertThat(before.section("NOK").rows().get(0).amount(Bucket.DAYS_0_30)).isEqualByComparingTo("50000");
        assertThat(before.section("NOK").rows().get(0).amount(Bucket.NOT_DUE)).isEqualByComparingTo("100000");
        assertThat(before.section("NOK").total().total()).isEqualByComparingTo("275000");
        assertThat(before.section("SEK")).isNull();
    }

    @Test
    void theSampleLedgerIsReconciled() {
        importSample();
        CliRunner.Result r = cli.run("report", "reconciliation", "--date", "2024-04-30");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("RECONCILED:").doesNotContain("NOT RECONCILED").doesNotContain("DIFFERENCE");
        assertThat(reconciliation.reconcile(LocalDate.of(2024, 2, 29)).reconciled()).as("as of an earlier date").isTrue();
    }

    @Test
    void aChangedOpenItemIsADifferenceWithItsCause() {
        importSample();
        jdbc.sql("UPDATE invoice SET principal_open = principal_open + 1000 WHERE invoice_no = '2024-003'").update();

        CliRunner.Result r = cli.run("report", "reconciliation", "--date", "2024-04-30");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("NOT RECONCILED").contains("Customer ledger vs control account")
                .contains("invoice 2024-003, customer 10001 Byggmester Hansen AS: 1 000.00 NOK")
                .contains("the invoice's open item is 31 000.00 but its postings (35 000.00) less its allocations "
                        + "(5 000.00) give 30 000.00")
                .doesNotContain("not traced");
        Reconciliation rec = reconciliation.reconcile(LocalDate.of(2024, 4, 30));
        assertThat(rec.checks()).filteredOn(c -> !c.balances()).singleElement()
                .satisfies(c -> assertThat(c.difference()).isEqualByComparingTo("1000"));
    }

    @Test
    void aPostingWithoutItsOpenItemIsADifferenceWithItsCause() {
        importSample();
        long customerId = jdbc.sql("SELECT id FROM customer WHERE customer_no = '10002'").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, document_no, text,
                                     source, idem_key)
                VALUES (?, NULL, '2024-04-02', 'FEE', 70.00, 'NOK', 'P-1', 'Purregebyr', 'test', 'test:fee')""")
                .param(customerId).update();

        Reconciliation rec = reconciliation.reconcile(LocalDate.of(2024, 4, 30));
        assertThat(rec.reconciled()).isFalse();
        assertThat(rec.differences()).singleElement().satisfies(d -> {
            assertThat(d.subject()).contains("FEE 2024-04-02 P-1, customer 10002");
            assertThat(d.amount()).isEqualByComparingTo("-70");
            assertThat(d.cause()).contains("on no invoice's open item");
        });
        // before the posting's date the ledger still reconciles
        assertThat(reconciliation.reconcile(LocalDate.of(2024, 4, 1)).reconciled()).isTrue();
    }

    @Test
    void bankStatementsMustAddUpAndUnmatchedTransactionsAreListed() {
        importSample();
        long file = insert("INSERT INTO bank_file (sha256, file_name, format, status) VALUES "
                + "('" + "a".repeat(64) + "', 'camt053-0415.xml', 'CAMT053', 'IMPORTED')");
        long good = insert("INSERT INTO bank_statement (bank_file_id, statement_key, format, statement_id, account, "
                + "currency, opening_balance, closing_balance, statement_date) VALUES (" + file + ", 'k1', 'CAMT053', "
                + "'STMT-1', 'NO9615032080119', 'NOK', 1000.00, 1500.00, '2024-04-15')");
        long bad = insert("INSERT INTO bank_statement (bank_file_id, statement_key, format, statement_id, account, "
                + "currency, opening_balance, closing_balance, statement_date) VALUES (" + file + ", 'k2', 'CAMT053', "
                + "'STMT-2', 'NO9615032080119', 'NOK', 1500.00, 2500.00, '2024-04-16')");
        insert("INSERT INTO bank_transaction (bank_statement_id, tx_key, amount, currency, booking_date, payer_name, "
                + "reference, match_status) VALUES (" + good + ", 't1', 500.00, 'NOK', '2024-04-15', 'Ola <b>N</b>', "
                + "'123', 'OPEN')");
        insert("INSERT INTO bank_transaction (bank_statement_id, tx_key, amount, currency, booking_date, match_status) "
                + "VALUES (" + bad + ", 't2', 600.00, 'NOK', '2024-04-16', 'IGNORED')");

        Reconciliation rec = reconciliation.reconcile(LocalDate.of(2024, 4, 30));
        assertThat(rec.checks()).filteredOn(c -> c.area().equals("Bank"))
                .extracting(c -> c.subject() + "=" + c.difference().stripTrailingZeros().toPlainString())
                .containsExactly("statement STMT-1 account NO9615032080119=0", "statement STMT-2 account NO9615032080119=400");
        assertThat(rec.differences()).singleElement().satisfies(d -> {
            assertThat(d.subject()).contains("STMT-2").contains("camt053-0415.xml");
            assertThat(d.cause()).contains("do not add up to its closing balance");
        });
        assertThat(rec.followUps()).extracting(Reconciliation.FollowUp::kind)
                .contains(Reconciliation.Kind.UNMATCHED_TRANSACTION);

        CliRunner.Result html = cli.run("report", "reconciliation", "--date", "2024-04-30", "--format", "html");
        assertThat(html.out()).contains("NOT RECONCILED").contains("Ola &lt;b&gt;N&lt;/b&gt;").doesNotContain("<b>N");
    }

    @Test
    void keyFiguresAndTheArticlesLossProvision() throws IOException {
        Path customers = dir.resolve("customers.csv");
        Files.writeString(customers, HEADER_CUSTOMERS + "905,Kunde E,,NO,NOK,nb,,,,,business,,false,,\n");
        Path invoices = dir.resolve("invoices.csv");
        Files.writeString(invoices, HEADER_INVOICES + """
                E-1,905,invoice,2024-01-01,2024-01-15,NOK,100000.00,20000.00,,
                E-2,905,invoice,2024-02-01,2024-02-15,NOK,100000.00,20000.00,,
                E-3,905,invoice,2024-03-01,2024-03-31,NOK,125000.00,25000.00,,
                """);
        Path payments = dir.resolve("payments.csv");
        Files.writeString(payments, HEADER_PAYMENTS + """
                2024-01-25,905,100000.00,NOK,E-1,
                2024-02-11,905,100000.00,NOK,E-2,
                """);
        assertThat(cli.run("import-ledger", "--customers", customers.toString(), "--invoices", invoices.toString(),
                "--payments", payments.toString()).exitCode()).isZero();
        long customerId = jdbc.sql("SELECT id FROM customer WHERE customer_no = '905'").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, source, idem_key)
                VALUES (?, NULL, '2024-04-10', 'WRITE_OFF', -6500.00, 'NOK', 'test', 'test:wo')""")
                .param(customerId).update();

        CliRunner.Result r = cli.run("report", "keyfigures", "--from", "2024-01-01", "--to", "2024-04-30");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // receivables 125 000 (E-3, 30 days overdue); revenue 325 000 in 121 days
        assertThat(r.out()).contains("Receivables at 2024-04-30").contains("125 000.00")
                .containsPattern("Days sales outstanding \\(DSO\\)\\s+47 days") // 125 000 x 121 / 325 000 = 46.5
                .containsPattern("Loss percentage\\s+2 %")                      // 6 500 / 325 000
                .containsPattern("Overdue rate\\s+100 %")
                .contains("Loss provision proposal: 5 % of 125 000.00 = 6 250.00 NOK")
                .containsPattern("Debit\\s+7830 Loss on receivables\\s+6 250.00")
                .containsPattern("Credit 1580 Provision for losses\\s+6 250.00");
        // E-1 paid after 24 days (10 late), E-2 after 10 days (on time): 17 days on average, half on time, 10 days late
        assertThat(line(r.out(), "905")).containsSubsequence("2", "200 000.00", "17", "50 %", "50 %", "10", "often late");

        CliRunner.Result other = cli.run("report", "keyfigures", "--from", "2024-01-01", "--to", "2024-04-30",
                "--provision-percent", "2", "--format", "csv");
        assertThat(other.out()).contains(",NOK,,,provision_amount,2500.00");
    }

    @Test
    void dailyReportAndHtmlPagesAreSelfContained() throws IOException {
        importSample();
        Path html = daily.write(LocalDate.of(2024, 4, 30), dir.resolve("reports"));
        assertThat(html.getFileName().toString()).isEqualTo("reskontro-daily-2024-04-30.html");
        String page = Files.readString(html);
        assertThat(page).contains("RECONCILED:").contains("Aging analysis").contains("Key figures")
                .contains("Overdue over time, NOK").contains("Open items by age, SEK").contains("<svg")
                .doesNotContain("<script").doesNotContain("src=").doesNotContain("href=").doesNotContain("url(");
        assertThat(Files.list(dir.resolve("reports")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("reskontro-daily-2024-04-30.html", "reskontro-daily-2024-04-30-aging.csv",
                        "reskontro-daily-2024-04-30-reconciliation.csv", "reskontro-daily-2024-04-30-keyfigures.csv");

        CliRunner.Result cmd = cli.run("report", "daily", "--date", "2024-04-30", "--out", dir.resolve("cli").toString());
        assertThat(cmd.exitCode()).as(cmd.err()).isZero();
        assertThat(cmd.out()).contains("reskontro-daily-2024-04-30.html");
        assertThat(Files.readString(dir.resolve("cli/reskontro-daily-2024-04-30.html"))).isEqualTo(page);

        Path out = dir.resolve("aging.html");
        CliRunner.Result r = cli.run("report", "aging", "--date", "2024-04-30", "--format", "html", "--out",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>").contains("Open items by age, NOK");

        CliRunner.Result statement = cli.run("statement", "--customer", "10001", "--format", "html");
        assertThat(statement.exitCode()).as(statement.err()).isZero();
        assertThat(statement.out()).contains("Account statement 10001 Byggmester Hansen AS").contains("<svg")
                .contains("30 000.00");
    }

    @Test
    void theOverdueSeriesEndsWithTheAgingAsOfTheDate() {
        importSample();
        LocalDate d = LocalDate.of(2024, 4, 30);
        AgingReport report = aging.aging(d);
        java.util.List<OverduePoint> series = aging.overdueSeries(d);
        for (AgingReport.Section s : report.sections()) {
            java.util.List<OverduePoint> points = series.stream().filter(p -> p.currency().equals(s.currency())).toList();
            assertThat(points).extracting(OverduePoint::date).isSorted().last().isEqualTo(d);
            OverduePoint last = points.get(points.size() - 1);
            assertThat(last.overdue()).isEqualByComparingTo(s.overdue());
            assertThat(last.open()).isEqualByComparingTo(s.total().total());
            assertThat(points).extracting(OverduePoint::date).contains(LocalDate.of(2024, 3, 31), LocalDate.of(2024, 2, 29));
        }
    }

    @Test
    void badOptionsAreRejected() {
        CliRunner.Result r = cli.run("report", "aging", "--format", "pdf");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        r = cli.run("report", "keyfigures", "--from", "2024-05-01", "--to", "2024-04-01");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        r = cli.run("report", "aging", "--date", "30.04.2024");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    }

    private void importSample() {
        CliRunner.Result r = cli.run("import-ledger", "--customers", "sample-data/customers.csv", "--invoices",
                "sample-data/invoices.csv", "--payments", "sample-data/payments.csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private long insert(String sql) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql(sql).update(keys, "id");
        return keys.getKey().longValue();
    }

    private static String line(String text, String start) {
        return Arrays.stream(text.split("\\R")).filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + start + " in\n" + text));
    }
}
