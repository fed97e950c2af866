package org.reskontro.matching.jdbc;

import org.reskontro.ledger.OpenItem;
import org.reskontro.matching.MatchIndex;
import org.reskontro.matching.OpenInvoice;
import org.springframework.jdbc.core.JdbcTemplate;

/** Loads the run's index in three streamed reads: customers, open invoices, payer accounts seen before. */
public class MatchIndexLoader {

    private final JdbcTemplate jdbc;
    private final int fetchSize;

    public MatchIndexLoader(JdbcTemplate jdbc, int fetchSize) {
        this.jdbc = jdbc;
        this.fetchSize = fetchSize;
    }

    public MatchIndex load() {
        return load(null);
    }

    /**
     * The index as at the start of a routed run: payer accounts learned from transactions of route
     * {@code routeId} (matched by this run's partitions, in any order) are left out, so every partition starts
     * from the same knowledge. Null: everything the ledger knows now.
     */
    public MatchIndex load(Long routeId) {
        String open = " FROM invoice WHERE type <> 'CREDIT_NOTE' AND status IN ('OPEN', 'PARTIALLY_PAID', 'IN_COLLECTION')";
        Integer customers = jdbc.queryForObject("SELECT COUNT(*) FROM customer", Integer.class);
        Integer invoices = jdbc.queryForObject("SELECT COUNT(*)" + open, Integer.class);
        MatchIndex idx = new MatchIndex(customers, invoices);
        JdbcTemplate t = streaming();
        // in id order: the index finds ids by binary search while they arrive ascending
        t.query("SELECT id, customer_no, name, org_no FROM customer ORDER BY id", rs -> {
            idx.addCustomer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
        });
        t.query("SELECT id, customer_id, invoice_no, reference, currency, due_date, fee_open, interest_open, principal_open"
                + open + " ORDER BY id", rs -> {
            idx.addInvoice(new OpenInvoice(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getObject(6, java.time.LocalDate.class),
                    new OpenItem(rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9))));
        });
        t.query("""
                SELECT payer_account, customer_id FROM bank_transaction
                 WHERE customer_id IS NOT NULL AND payer_account IS NOT NULL AND match_status IN ('MATCHED', 'ON_ACCOUNT')""" + (
                routeId == null ? "" : " AND NOT EXISTS (SELECT 1 FROM match_route r WHERE r.route_id = " + routeId
                        + " AND r.transaction_id = bank_transaction.id)"),
                rs -> {
                    idx.learnAccount(rs.getString(1), rs.getLong(2));
                });
        return idx;
    }

    /**
     * Teaches a partition's index (after {@link MatchIndex#learnOnlyWithinCustomer()}) the payer accounts its
     * customers' payments of route {@code routeId} taught before a restart, each for its own customer only: the
     * restarted partition continues with the knowledge the interrupted one had. A routed transaction that is
     * MATCHED or ON_ACCOUNT now was decided by this run (the route holds only what was OPEN when it was made).
     */
    public void learnDecided(MatchIndex idx, long routeId, long minCustomer, long maxCustomer) {
        streaming().query("""
                SELECT t.payer_account, t.customer_id FROM bank_transaction t
                  JOIN match_route r ON r.transaction_id = t.id AND r.route_id = ?
                 WHERE r.customer_id BETWEEN ? AND ? AND t.customer_id = r.customer_id AND t.payer_account IS NOT NULL
                   AND t.match_status IN ('MATCHED', 'ON_ACCOUNT')
                 ORDER BY t.id""", rs -> {
                    idx.learnAccount(rs.getString(1), rs.getLong(2));
                }, routeId, minCustomer, maxCustomer);
    }

    private JdbcTemplate streaming() {
        JdbcTemplate t = new JdbcTemplate(jdbc.getDataSource());
        t.setFetchSize(fetchSize);
        return t;
    }
}
