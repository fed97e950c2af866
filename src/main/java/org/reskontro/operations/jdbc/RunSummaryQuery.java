package org.reskontro.operations.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Counts that tell what a run did: files imported, payments by matching state, letters by state. */
public class RunSummaryQuery {

    private final JdbcClient jdbc;

    public RunSummaryQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the ledger and the outbox hold now. */
    public record Summary(long customers, long openInvoices, long bankFiles, long bankTransactions,
                          Map<String, Long> transactionsByStatus, Map<String, Long> lettersByStatus,
                          Map<Integer, Long> invoicesByDunningLevel) {
    }

    public Summary summary() {
        return new Summary(
                count("SELECT COUNT(*) FROM customer"),
                count("SELECT COUNT(*) FROM invoice WHERE status IN ('OPEN', 'PARTIALLY_PAID', 'IN_COLLECTION') "
                        + "AND type <> 'CREDIT_NOTE'"),
                count("SELECT COUNT(*) FROM bank_file"),
                count("SELECT COUNT(*) FROM bank_transaction"),
                grouped("SELECT match_status, COUNT(*) FROM bank_transaction GROUP BY match_status ORDER BY match_status"),
                grouped("SELECT CONCAT(channel, ' ', status), COUNT(*) FROM letter GROUP BY channel, status "
                        + "ORDER BY channel, status"),
                levels());
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private Map<String, Long> grouped(String sql) {
        Map<String, Long> m = new LinkedHashMap<>();
        jdbc.sql(sql).query(rs -> {
            m.put(rs.getString(1), rs.getLong(2));
        });
        return m;
    }

    private Map<Integer, Long> levels() {
        Map<Integer, Long> m = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT dunning_level, COUNT(*) FROM invoice
                 WHERE dunning_level > 0 GROUP BY dunning_level ORDER BY dunning_level""")
                .query(rs -> {
                    m.put(rs.getInt(1), rs.getLong(2));
                });
        return m;
    }
}
