package org.reskontro.operations.bench;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

import org.reskontro.matching.SyntheticLedger;
import org.reskontro.matching.jdbc.SyntheticLedgerWriter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger side of {@code bench all}: customers, open invoices with their INVOICE postings, and a month of
 * matched history for the customers that have paid before (so the matcher knows their accounts), written with
 * batched inserts. The bank transactions come in through the real import of the generated files.
 */
public class BenchLedger {

    /** Every bank file the benchmarks write is named so; {@code bench matching} uses exactly this name. */
    public static final String FILE_PREFIX = "synthetic-bench";
    private static final int BATCH = 2000;

    private final JdbcTemplate jdbc;
    private final SyntheticLedgerWriter ledger;

    public BenchLedger(JdbcTemplate jdbc, SyntheticLedgerWriter ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /** True when the ledger is empty or holds nothing but an earlier benchmark. */
    public boolean onlyBench() {
        Long other = jdbc.queryForObject("SELECT COUNT(*) FROM bank_file WHERE file_name NOT LIKE '" + FILE_PREFIX + "%'",
                Long.class);
        Long customers = jdbc.queryForObject("SELECT COUNT(*) FROM customer", Long.class);
        Long bench = jdbc.queryForObject("SELECT COUNT(*) FROM bank_file WHERE file_name LIKE '" + FILE_PREFIX + "%'",
                Long.class);
        return other == 0 && (customers == 0 || bench > 0);
    }

    /** Open invoices in the ledger. */
    public long invoiceCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE status IN ('OPEN', 'PARTIALLY_PAID')", Long.class);
    }

    /** Empties every table but the job repository, Flyway's history and the run lock (after {@link #onlyBench()}). */
    public void wipe() {
        jdbc.execute((ConnectionCallback<Void>) c -> {
            boolean h2 = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                         + (h2 ? "SCHEMA()" : "DATABASE()") + " AND table_type IN ('BASE TABLE', 'TABLE')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute(h2 ? "SET REFERENTIAL_INTEGRITY FALSE" : "SET FOREIGN_KEY_CHECKS = 0");
                try {
                    for (String t : tables) {
                        String l = t.toLowerCase(Locale.ROOT);
                        if (l.startsWith("batch_") || l.startsWith("flyway_") || l.equals("run_lock")) {
                            continue;
                        }
                        s.execute((h2 ? "DELETE FROM " : "TRUNCATE TABLE ") + t);
                    }
                } finally {
                    s.execute(h2 ? "SET REFERENTIAL_INTEGRITY TRUE" : "SET FOREIGN_KEY_CHECKS = 1");
                }
            }
            return null;
        });
    }

    /** Writes a ledger generated whole: {@link #start()} and one {@link #writeChunk}. */
    public void write(SyntheticLedger l) {
        writeChunk(start(), l);
    }

    /** Writes the bank statement that the payment history belongs to; returns its id for {@link #writeChunk}. */
    public long start() {
        jdbc.update("INSERT INTO bank_file (sha256, file_name, format, status) VALUES (?, '" + FILE_PREFIX
                + "', 'SYNTHETIC', 'IMPORTED')", "0".repeat(64));
        Long fileId = jdbc.queryForObject("SELECT id FROM bank_file WHERE file_name = '" + FILE_PREFIX + "'", Long.class);
        jdbc.update("INSERT INTO bank_statement (bank_file_id, statement_key, format, currency) "
                + "VALUES (?, 'synthetic-history', 'SYNTHETIC', 'NOK')", fileId);
        return jdbc.queryForObject("SELECT id FROM bank_statement WHERE bank_file_id = ?", Long.class, fileId);
    }

    /**
     * Writes one generated ledger or chunk of one ({@link SyntheticLedger#generateInChunks}): its customers, invoices
     * with their INVOICE postings, and a March payment from the account of each customer that has paid before.
     */
    public void writeChunk(long statementId, SyntheticLedger l) {
        ledger.writeCustomersAndInvoices(l, c -> "kunde" + c.customerNo() + "@example.no");
        List<SyntheticLedger.Customer> history = new ArrayList<>();
        for (SyntheticLedger.Customer c : l.customers()) {
            if (c.history()) {
                history.add(c);
            }
        }
        batch("""
                INSERT INTO bank_transaction (bank_statement_id, tx_key, amount, currency, booking_date, payer_name,
                                              payer_account, text, match_status, customer_id, match_rule, match_evidence)
                VALUES (?, ?, 100.00, ?, ?, ?, ?, 'March payment', 'MATCHED', ?, 'REFERENCE', 'history')""", history,
                (c, a) -> a.add(new Object[] {statementId, "history:" + c.id(), c.currency(), Date.valueOf("2024-03-15"),
                        c.name(), c.account(), c.id()}));
    }

    /** Bank transactions of the benchmark's import by match status. */
    public List<String> statusCounts() {
        return jdbc.query("SELECT match_status, COUNT(*) FROM bank_transaction WHERE tx_key NOT LIKE 'history:%' "
                + "GROUP BY match_status ORDER BY match_status", (rs, i) -> rs.getString(1) + " " + rs.getLong(2));
    }

    private <T> void batch(String sql, List<T> rows, BiConsumer<T, List<Object[]>> mapper) {
        List<Object[]> args = new ArrayList<>(BATCH);
        for (T row : rows) {
            mapper.accept(row, args);
            if (args.size() >= BATCH) {
                jdbc.batchUpdate(sql, args);
                args.clear();
            }
        }
        if (!args.isEmpty()) {
            jdbc.batchUpdate(sql, args);
        }
    }

}
