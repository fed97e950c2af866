package org.reskontro.matching.jdbc;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;

import org.reskontro.matching.BankPayment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the OPEN transactions booked up to the business date in id order (not those whose match a person undid:
 * they are left to people, see {@code ManualMatching#undo}), a page at a time by key
 * ({@code id > last ORDER BY id LIMIT page}). Unlike a streamed cursor it holds no result set open on the server
 * between chunks, so a long index load or a slow chunk can never make the server drop the connection
 * ({@code net_write_timeout}), and a restart simply starts again from the transactions still OPEN.
 */
public class OpenTransactionReader {

    private final JdbcTemplate jdbc;
    private final LocalDate date;
    private final int pageSize;
    private final String routeJoin;
    private final Object[] joinArgs;
    private final String routeFilter;
    private final Object[] routeArgs;
    private final Deque<BankPayment> page = new ArrayDeque<>();
    private long lastId;
    private boolean exhausted;

    public OpenTransactionReader(JdbcTemplate jdbc, LocalDate date, int pageSize) {
        this(jdbc, date, pageSize, "", new Object[0], "", new Object[0]);
    }

    /**
     * {@code routeJoin} with its parameters: joined after {@code FROM bank_transaction t}; {@code routeFilter} with
     * its parameters: added to the conditions.
     */
    private OpenTransactionReader(JdbcTemplate jdbc, LocalDate date, int pageSize, String routeJoin, Object[] joinArgs,
                                  String routeFilter, Object[] routeArgs) {
        this.routeJoin = routeJoin;
        this.joinArgs = joinArgs;
        this.jdbc = jdbc;
        this.date = date;
        this.pageSize = pageSize;
        this.routeFilter = routeFilter;
        this.routeArgs = routeArgs;
    }

    /** Only the transactions that route {@code routeId} gave to a customer from {@code min} to {@code max}. */
    public static OpenTransactionReader routedTo(JdbcTemplate jdbc, LocalDate date, int pageSize, long routeId,
                                                 long min, long max) {
        return new OpenTransactionReader(jdbc, date, pageSize, "", new Object[0], " AND t.id IN (SELECT r.transaction_id"
                + " FROM match_route r WHERE r.route_id = ? AND r.customer_id BETWEEN ? AND ? AND r.decided = FALSE)",
                new Object[] {routeId, min, max});
    }

    /**
     * Only the transactions that route {@code routeId} left to the serial phase (or that came after it), not yet
     * decided.
     */
    public static OpenTransactionReader leftOverBy(JdbcTemplate jdbc, LocalDate date, int pageSize, long routeId) {
        // an anti-join, a look-up by primary key per open transaction: MariaDB ran NOT IN (SELECT ...) and
        // NOT EXISTS (SELECT ...) alike by materialising every route of the run again for each page (1.2 s a page
        // after a 1,000,000-payment partition step; 0.04 s as a join)
        return new OpenTransactionReader(jdbc, date, pageSize, " LEFT JOIN match_route r ON r.route_id = ?"
                + " AND r.transaction_id = t.id AND (r.customer_id IS NOT NULL OR r.decided = TRUE)",
                new Object[] {routeId}, " AND r.transaction_id IS NULL", new Object[0]);
    }

    /** The next open transaction, or null at the end. */
    public BankPayment next() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(jdbc.query("SELECT " + BankPayments.columns("t") + " FROM bank_transaction t" + routeJoin
                            + " WHERE t.match_status = 'OPEN' AND t.match_round = 0"
                            + " AND (t.booking_date IS NULL OR t.booking_date <= ?)"
                            + " AND t.id > ?" + routeFilter + " ORDER BY t.id LIMIT " + pageSize, BankPayments.MAPPER,
                    args()));
            exhausted = page.size() < pageSize;
        }
        BankPayment p = page.pollFirst();
        if (p != null) {
            lastId = p.id();
        }
        return p;
    }

    private Object[] args() {
        Object[] args = new Object[joinArgs.length + 2 + routeArgs.length];
        System.arraycopy(joinArgs, 0, args, 0, joinArgs.length);
        args[joinArgs.length] = java.sql.Date.valueOf(date);
        args[joinArgs.length + 1] = lastId;
        System.arraycopy(routeArgs, 0, args, joinArgs.length + 2, routeArgs.length);
        return args;
    }
}
