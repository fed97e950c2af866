package org.reskontro.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ImportLedgerJobTest {

    static final String CUSTOMERS = "sample-data/customers.csv";
    static final String INVOICES = "sample-data/invoices.csv";
    static final String PAYMENTS = "sample-data/payments.csv";

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;

    CliRunner cli;

    @BeforeEach
    void setUp() {
        db.reset();
        cli = new CliRunner(context);
    }

    @Test
    void byggmesterHansensStatementShowsTheArticlesRunningBalances() {
        CliRunner.Result r = cli.run("import-ledger", "--customers", CUSTOMERS, "--invoices", INVOICES,
                "--payments", PAYMENTS);
        assertThat(r.exitCode()).as(r.err()).isZero();

        CliRunner.Result statement = cli.run("statement", "--customer", "10001");
        assertThat(statement.exitCode()).isZero();
        assertThat(balances(statement.out())).containsExactly("25 000.00", "70 000.00", "45 000.00", "125 000.00",
                "80 000.00", "75 000.00", "110 000.00", "30 000.00");
        assertThat(statement.out()).contains("Byggmester Hansen AS").contains("Balance 30 000.00 NOK");

        // the 80 000 payment settled 2024-002 (75 000 after the credit note) and 5 000 of 2024-003
        assertThat(openPrincipal("2024-002")).isEqualByComparingTo("0");
        assertThat(status("2024-002")).isEqualTo("PAID");
        assertThat(openPrincipal("2024-003")).isEqualByComparingTo("30000");
        assertThat(status("2024-003")).isEqualTo("PARTIALLY_PAID");
        assertThat(status("KN-001")).isEqualTo("PAID");
    }

    @Test
    void importingTheSameFilesTwiceLeavesTheSameLedger() {
        assertThat(cli.run("import-ledger", "--customers", CUSTOMERS, "--invoices", INVOICES, "--payments", PAYMENTS)
                .exitCode()).isZero();
        String before = snapshot();
        CliRunner.Result again = cli.run("import-ledger", "--customers", CUSTOMERS, "--invoices", INVOICES,
                "--payments", PAYMENTS);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("imported before");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theSameRowsInANewFileAreNotPostedTwice(@TempDir Path dir) throws IOException {
        assertThat(cli.run("import-ledger", "--customers", CUSTOMERS, "--invoices", INVOICES, "--payments", PAYMENTS)
                .exitCode()).isZero();
        String before = snapshot();
        // a copy with a trailing blank line has another hash, so the job runs again: the writes must be idempotent
        Path payments = dir.resolve("payments.csv");
        Files.writeString(payments, Files.readString(Path.of(PAYMENTS)) + "\n");
        Path invoices = dir.resolve("invoices.csv");
        Files.writeString(invoices, Files.readString(Path.of(INVOICES)) + "\n");
        CliRunner.Result r = cli.run("import-ledger", "--invoices", invoices.toString(), "--payments",
                payments.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("importLedgerJob completed");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aFileWithOneBadRowIsRejectedWholeNamingTheLine(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(INVOICES));
        String bad = lines.get(5).replaceFirst(",(\\d+\\.\\d\\d),", ",12x4.00,");
        lines.set(5, bad);
        Path invoices = dir.resolve("invoices-bad.csv");
        Files.write(invoices, lines);

        CliRunner.Result r = cli.run("import-ledger", "--customers", CUSTOMERS, "--invoices", invoices.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("invoices-bad.csv:6: field 'amount'").contains("12x4.00")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(db.count("invoice")).isZero();
        assertThat(db.count("posting")).isZero();
        assertThat(db.count("customer")).isZero();
    }

    @Test
    void unknownCustomerAndWrongCurrencyAreReportedWithTheirLines(@TempDir Path dir) throws IOException {
        Path invoices = dir.resolve("inv.csv");
        Files.writeString(invoices, """
                invoice_no,customer_no,type,issue_date,due_date,currency,amount,vat_amount,reference
                X-1,99999,invoice,2024-01-01,2024-01-15,NOK,100.00,20.00,
                X-2,10001,invoice,2024-01-01,2024-01-15,SEK,100.00,20.00,
                X-3,10001,invoice,2024-01-01,2023-12-15,NOK,100.00,20.00,
                """);
        CliRunner.Result r = cli.run("import-ledger", "--customers", CUSTOMERS, "--invoices", invoices.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("inv.csv:2: field 'customer_no': unknown customer 99999")
                .contains("inv.csv:3: field 'currency'")
                .contains("inv.csv:4: field 'due_date'");
        assertThat(db.count("invoice")).isZero();
    }

    @Test
    void generatedReferencesCarryAValidCheckDigit() {
        assertThat(cli.run("import-ledger", "--customers", CUSTOMERS, "--invoices", INVOICES).exitCode()).isZero();
        List<String> refs = jdbc.sql("SELECT reference FROM invoice WHERE type <> 'CREDIT_NOTE'").query(String.class).list();
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(PaymentReferences.isValid(ref)).as(ref).isTrue());
    }

    @Test
    void balancesAreDerivedFromTheJournal() {
        assertThat(cli.run("import-ledger", "--customers", CUSTOMERS, "--invoices", INVOICES, "--payments", PAYMENTS)
                .exitCode()).isZero();
        // sum of postings per customer == open items - unallocated credit, for every customer
        List<String> wrong = jdbc.sql("""
                SELECT c.customer_no FROM customer c
                 WHERE (SELECT COALESCE(SUM(p.amount), 0) FROM posting p WHERE p.customer_id = c.id)
                    <> (SELECT COALESCE(SUM(i.principal_open + i.fee_open + i.interest_open), 0) FROM invoice i
                         WHERE i.customer_id = c.id AND i.type <> 'CREDIT_NOTE')
                     - (SELECT COALESCE(SUM(-p.amount - COALESCE((SELECT SUM(a.amount) FROM allocation a
                                                               WHERE a.posting_id = p.id), 0)), 0)
                          FROM posting p WHERE p.customer_id = c.id AND p.amount < 0)""")
                .query(String.class).list();
        assertThat(wrong).isEmpty();
    }

    private String snapshot() {
        return String.join("\n", jdbc.sql("""
                SELECT CONCAT(p.idem_key, '|', p.amount, '|', p.type) FROM posting p ORDER BY p.idem_key""")
                .query(String.class).list())
                + jdbc.sql("SELECT COUNT(*) FROM allocation").query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single()
                + String.join(",", jdbc.sql("SELECT CONCAT(invoice_no, status, principal_open) FROM invoice ORDER BY invoice_no")
                .query(String.class).list());
    }

    private BigDecimal openPrincipal(String invoiceNo) {
        return jdbc.sql("SELECT principal_open FROM invoice WHERE invoice_no = ?").param(invoiceNo)
                .query(BigDecimal.class).single();
    }

    private String status(String invoiceNo) {
        return jdbc.sql("SELECT status FROM invoice WHERE invoice_no = ?").param(invoiceNo).query(String.class).single();
    }

    private static List<String> balances(String table) {
        Pattern p = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}.*\\s{2}(\\d{1,3}(?: \\d{3})*\\.\\d{2})\\s*$", Pattern.MULTILINE);
        Matcher m = p.matcher(table);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).trim());
        }
        return out;
    }
}
