package org.reskontro.matching.jdbc;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.reskontro.common.DaemonThreads;
import org.reskontro.matching.BankPayment;
import org.reskontro.matching.MatchIndex;
import org.reskontro.matching.MatchRouter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The routing of a partitioned matching run in {@code match_route} (docs/scaling.md): every OPEN transaction
 * booked up to the business date, with the one customer whose partition decides it, or none (the serial
 * leftover phase).
 */
public class MatchRoutes {

    private static final int BATCH = 5000;
    private static final int ROWS_PER_INSERT = 1000;

    private final JdbcTemplate jdbc;
    private final int fetchSize;
    private final int batch;

    public MatchRoutes(JdbcTemplate jdbc, int fetchSize) {
        this(jdbc, fetchSize, BATCH);
    }

    /** {@code batch}: routes inserted at a time. */
    MatchRoutes(JdbcTemplate jdbc, int fetchSize, int batch) {
        this.jdbc = jdbc;
        this.fetchSize = fetchSize;
        this.batch = batch;
    }

    /** Routes the OPEN transactions as route {@code routeId}, replacing every earlier routing. */
    public void route(long routeId, LocalDate date, MatchIndex idx, MatchRouter router) {
        OpenTransactionReader open = new OpenTransactionReader(jdbc, date, fetchSize);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.update("DELETE FROM match_route");
            route(routeId, open::next, idx, router, this::insert); // another connection would not see its rows
            return;
        }
        // the last run's routes, a row per transaction it routed: emptied at once instead of deleted row by row
        // (TRUNCATE commits, which is why it is used only outside a transaction)
        jdbc.execute("TRUNCATE TABLE match_route");
        // three threads: the next page is read and mapped on one, this one routes, and the rows routed before are
        // inserted on another (each insert commits on its own, as here outside a transaction)
        ExecutorService inserter = Executors.newSingleThreadExecutor(DaemonThreads.named("match-route-insert"));
        try (ReadAhead<BankPayment> ahead = new ReadAhead<>(open::next, fetchSize, "match-route-read")) {
            Deque<Future<?>> pending = new ArrayDeque<>();
            route(routeId, ahead::next, idx, router, rows -> {
                if (pending.size() == 2) {
                    await(pending.removeFirst());
                }
                pending.addLast(inserter.submit(() -> insert(rows)));
            });
            while (!pending.isEmpty()) {
                await(pending.removeFirst());
            }
        } finally {
            inserter.shutdownNow();
        }
    }

    /** Routes every payment, handing the rows over {@code batch} at a time (a new list each time). */
    private void route(long routeId, Supplier<BankPayment> open, MatchIndex idx, MatchRouter router,
                       Consumer<List<Object[]>> rowsOut) {
        List<Object[]> rows = new ArrayList<>(batch);
        for (BankPayment p = open.get(); p != null; p = open.get()) {
            rows.add(new Object[] {routeId, p.id(), router.route(p, idx)});
            if (rows.size() == batch) {
                rowsOut.accept(rows);
                rows = new ArrayList<>(batch);
            }
        }
        if (!rows.isEmpty()) {
            rowsOut.accept(rows);
        }
    }

    private static void await(Future<?> insert) {
        try {
            insert.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("inserting the routes failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while inserting the routes", e);
        }
    }

    /** Multi-row inserts of {@code ROWS_PER_INSERT} rows each, far cheaper than one statement per row. */
    private void insert(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("INSERT INTO match_route (route_id, transaction_id, customer_id) VALUES ");
            for (int i = 0; i < part.size(); i++) {
                Object[] r = part.get(i);
                // numbers only, from our own longs: no quoting needed
                sql.append(i == 0 ? "" : ",").append('(').append(r[0]).append(',').append(r[1]).append(',')
                        .append(r[2] == null ? "NULL" : r[2]).append(')');
            }
            jdbc.update(sql.toString());
        }
    }

    /**
     * Records, in the chunk's transaction, that these transactions of route {@code routeId} are decided although
     * they stay OPEN ({@link MatchWriter#leftOpen}), so that a restart does not decide them again.
     */
    public void markDecided(long routeId, List<Long> transactionIds) {
        forIdLists(transactionIds, ids -> jdbc.update(
                "UPDATE match_route SET decided = TRUE WHERE route_id = ? AND transaction_id IN (" + ids + ")", routeId));
    }

    /**
     * The customer each of these transactions was routed to by route {@code routeId} (transactions routed to none,
     * or not in the route, are absent).
     */
    public Map<Long, Long> customersOf(long routeId, List<Long> transactionIds) {
        Map<Long, Long> customers = new HashMap<>();
        forIdLists(transactionIds, ids -> jdbc.query("SELECT transaction_id, customer_id FROM match_route"
                + " WHERE route_id = ? AND customer_id IS NOT NULL AND transaction_id IN (" + ids + ")", rs -> {
                    customers.put(rs.getLong(1), rs.getLong(2));
                }, routeId));
        return customers;
    }

    /** The ids as comma-separated lists of at most {@code ROWS_PER_INSERT} (numbers only, from our own longs). */
    private static void forIdLists(List<Long> transactionIds, Consumer<String> statement) {
        for (int from = 0; from < transactionIds.size(); from += ROWS_PER_INSERT) {
            StringBuilder ids = new StringBuilder();
            for (Long id : transactionIds.subList(from, Math.min(transactionIds.size(), from + ROWS_PER_INSERT))) {
                ids.append(ids.isEmpty() ? "" : ",").append(id.longValue());
            }
            statement.accept(ids.toString());
        }
    }

    /** The number of transactions routed to each customer, by customer id. */
    public SortedMap<Long, Long> countsByCustomer(long routeId) {
        SortedMap<Long, Long> counts = new TreeMap<>();
        jdbc.query("SELECT customer_id, COUNT(*) FROM match_route WHERE route_id = ? AND customer_id IS NOT NULL "
                + "GROUP BY customer_id", rs -> {
                    counts.put(rs.getLong(1), rs.getLong(2));
                }, routeId);
        return counts;
    }
}
