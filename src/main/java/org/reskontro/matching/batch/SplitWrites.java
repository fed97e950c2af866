package org.reskontro.matching.batch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.reskontro.common.DaemonThreads;
import org.reskontro.matching.MatchIndex;
import org.reskontro.matching.jdbc.MatchRoutes;
import org.reskontro.matching.jdbc.MatchWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a partition's decided chunk over several connections at once, so that the database works on more than
 * one core: the chunk's payments are grouped by the customer the routing pass gave them, and each group is
 * written, and recorded as decided, in a transaction of its own on a connection of its own. The groups touch
 * disjoint customers, so they are independent in the same way as the partitions themselves (docs/scaling.md):
 * a crash after some groups committed and a restart give what one uninterrupted run gives, since the restart
 * reads only the undecided payments and finds the committed groups' effects in the ledger.
 * <p>
 * Two groups can still wait on each other inside the database (InnoDB's gap locks where a deleted row had the same
 * key); the database then rolls one back, and that group is written again in a new transaction. Writing a group
 * again is safe: the decisions are not made again, and the index is only set from what the transaction reads.
 */
final class SplitWrites implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SplitWrites.class);
    static final int ATTEMPTS = 10;

    private final List<MatchWriter> writers = new ArrayList<>();
    private final TransactionTemplate newTransaction;
    private final MatchRoutes routes;
    private final long routeId;
    private final ExecutorService pool;
    private final AtomicInteger retries = new AtomicInteger();

    /** {@code connections} >= 2 writers: the first ({@code writer}) writes on the calling thread. */
    static SplitWrites of(MatchWriter writer, int connections, PlatformTransactionManager tx, MatchRoutes routes,
                          long routeId) {
        List<MatchWriter> writers = new ArrayList<>();
        writers.add(writer);
        for (int i = 1; i < connections; i++) {
            writers.add(writer.another());
        }
        return new SplitWrites(writers, tx, routes, routeId);
    }

    /** One group per writer; the first is written on the calling thread, each other on a thread of its own. */
    SplitWrites(List<MatchWriter> writers, PlatformTransactionManager tx, MatchRoutes routes, long routeId) {
        this.writers.addAll(writers);
        this.newTransaction = new TransactionTemplate(tx);
        newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.routes = routes;
        this.routeId = routeId;
        this.pool = Executors.newFixedThreadPool(writers.size() - 1, DaemonThreads.named("match-write"));
    }

    /** Writes the outcomes, each group by the customer {@code routed} gives its payment (none: the first group). */
    MatchWriter.Counts write(List<MatchWriter.Outcome> outcomes, Map<Long, Long> routed, LocalDate date,
                             MatchIndex index) {
        int n = writers.size();
        List<List<MatchWriter.Outcome>> groups = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            groups.add(new ArrayList<>(outcomes.size() / n + 1));
        }
        for (MatchWriter.Outcome o : outcomes) {
            Long customer = routed.get(o.payment().id());
            groups.get(customer == null ? 0 : (int) Math.floorMod(customer, (long) n)).add(o);
        }
        List<Future<MatchWriter.Counts>> others = new ArrayList<>(n - 1);
        for (int i = 1; i < n; i++) {
            MatchWriter w = writers.get(i);
            List<MatchWriter.Outcome> g = groups.get(i);
            others.add(pool.submit(() -> writeGroup(w, g, date, index)));
        }
        RuntimeException failure = null;
        MatchWriter.Counts counts = new MatchWriter.Counts(0, 0, 0, 0, 0);
        try {
            counts = writeGroup(writers.get(0), groups.get(0), date, index);
        } catch (RuntimeException e) {
            failure = e;
        }
        // the other groups end (committed or failed) before the chunk's own transaction does
        for (Future<MatchWriter.Counts> f : others) {
            try {
                counts = counts.plus(f.get());
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException("writing a group of the chunk failed", e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the chunk's groups were written", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return counts;
    }

    private MatchWriter.Counts writeGroup(MatchWriter w, List<MatchWriter.Outcome> group, LocalDate date,
                                          MatchIndex index) {
        if (group.isEmpty()) {
            return new MatchWriter.Counts(0, 0, 0, 0, 0);
        }
        List<Long> ids = MatchWriter.leftOpen(group);
        for (int attempt = 1; ; attempt++) {
            try {
                return newTransaction.execute(s -> {
                    MatchWriter.Counts c = w.write(group, date, index);
                    routes.markDecided(routeId, ids);
                    return c;
                });
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                retries.incrementAndGet();
                LOG.debug("a group of {} payments waited on another group's locks; written again ({})", group.size(),
                        e.getMessage());
                try {
                    Thread.sleep(5L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** How many times a group was written again after the database rolled it back over a lock conflict. */
    int retries() {
        return retries.get();
    }

    String phases() {
        return MatchWriter.phases(writers) + "groups written again after a lock conflict " + retries.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
