package org.reskontro.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.reskontro.dunning.batch.DunningRun;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures the run over many open invoices (RESKONTRO_PERF_INVOICES, default 100 000). Not part of the normal
 * build: run with {@code RESKONTRO_PERF=true ./mvnw test -Dtest=DunningPerformanceTest}. Prints the figures.
 * RESKONTRO_PERF_FRESH_EVERY=n makes all but every n-th item dunned yesterday (a nightly steady state).
 */
@IntegrationTest
@EnabledIfEnvironmentVariable(named = "RESKONTRO_PERF", matches = "true")
class DunningPerformanceTest {

    @Autowired
    TestDatabase db;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DunningRun run;

    @Test
    void evaluatesAndAppliesManyInvoices() {
        db.reset();
        int invoices = Integer.parseInt(System.getenv().getOrDefault("RESKONTRO_PERF_INVOICES", "100000"));
        int fresh = Integer.parseInt(System.getenv().getOrDefault("RESKONTRO_PERF_FRESH_EVERY", "1"));
        int perCustomer = 5;
        int customers = invoices / perCustomer;
        LocalDate date = LocalDate.of(2024, 4, 30);
        List<Object[]> rows = new ArrayList<>();
        for (int c = 1; c <= customers; c++) {
            boolean se = c % 3 == 0;
            rows.add(new Object[] {c, "P" + c, "Kunde " + c, se ? "SE" : "NO", se ? "SEK" : "NOK", se ? "sv" : "nb",
                    c % 7 == 0 ? null : "k" + c + "@example.no", c % 2 == 0 ? "BUSINESS" : "CONSUMER", c % 4 == 0});
        }
        jdbc.batchUpdate("""
                INSERT INTO customer (id, customer_no, name, country, currency, language, email, customer_type,
                                      reminder_fee_agreed, address, postal_code, city)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'Gate 1', '0150', 'Oslo')""", rows);
        rows.clear();
        for (int i = 1; i <= invoices; i++) {
            int c = (i - 1) / perCustomer + 1;
            boolean se = c % 3 == 0;
            LocalDate due = date.minusDays(i % 90 + 1);
            // the steady state of a nightly run: most items were dunned yesterday, one in `fresh` is new
            boolean dunned = fresh > 1 && i % fresh != 0;
            rows.add(new Object[] {i, "F" + i, c, Date.valueOf(due.minusDays(14)), Date.valueOf(due), se ? "SEK" : "NOK",
                    new BigDecimal("1250.00"), new BigDecimal("1250.00"), dunned ? 1 : 0,
                    dunned ? Date.valueOf(date.minusDays(1)) : null});
            if (rows.size() == 5000) {
                insertInvoices(rows);
                rows.clear();
            }
        }
        insertInvoices(rows);

        long t0 = System.nanoTime();
        DunningRun.Summary dry = run.run(date, true, d -> { });
        long t1 = System.nanoTime();
        DunningRun.Summary real = run.run(date, false, d -> { });
        long t2 = System.nanoTime();
        DunningRun.Summary again = run.run(date, false, d -> { });
        long t3 = System.nanoTime();
        assertThat(dry.invoices).isEqualTo(invoices);
        assertThat(again.letters).isZero();
        System.out.printf("%nPERF %s: %d invoices / %d customers%n", System.getProperty("reskontro.test.db"), invoices,
                customers);
        System.out.printf("PERF dry run (evaluate only): %d ms, %.0f invoices/s%n", ms(t0, t1), rate(invoices, t0, t1));
        System.out.printf("PERF first real run (%d letters, %d escalations): %d ms, %.0f invoices/s%n", real.letters,
                real.escalations, ms(t1, t2), rate(invoices, t1, t2));
        System.out.printf("PERF rerun, nothing to change: %d ms, %.0f invoices/s%n", ms(t2, t3), rate(invoices, t2, t3));
    }

    private void insertInvoices(List<Object[]> rows) {
        jdbc.batchUpdate("""
                INSERT INTO invoice (id, invoice_no, customer_id, type, issue_date, due_date, currency, amount,
                                     principal_open, dunning_level, last_dunning_date, status)
                VALUES (?, ?, ?, 'INVOICE', ?, ?, ?, ?, ?, ?, ?, 'OPEN')""", rows);
    }

    private static long ms(long a, long b) {
        return (b - a) / 1_000_000;
    }

    private static double rate(int n, long a, long b) {
        return n / ((b - a) / 1e9);
    }
}
