package org.reskontro.dunning.batch;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.reskontro.common.CustomerRange;
import org.reskontro.common.DaemonThreads;
import org.reskontro.common.RejectedInputException;
import org.reskontro.dunning.CustomerDecision;
import org.reskontro.dunning.CustomerSnapshot;
import org.reskontro.dunning.DunningDecider;
import org.reskontro.dunning.jdbc.DunningSnapshots;
import org.reskontro.dunning.jdbc.DunningStore;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.reskontro.letters.PreparedLetter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Calculate, decide, apply: reads the overdue snapshot page by page (the next page on a helper thread), decides
 * every customer in memory, and applies the decisions that change something, a group of
 * {@code customersPerTransaction} customers per transaction under their customer locks (the snapshot is read
 * again under the locks and decided again, so a payment matched meanwhile is seen). The letters of the changing
 * customers are rendered ahead, outside the locks, on a pool of {@code renderThreads} threads; the transaction
 * stores the rendering when the decision taken again under the lock has the same letter, and renders again when
 * it does not. A dry run only decides.
 */
public class DunningRun {

    private final DunningSnapshots snapshots;
    private final DunningDecider decider;
    private final DunningStore store;
    private final LedgerJournal journal;
    private final TransactionTemplate perGroup;
    private final int customersPerTransaction;
    private final int renderThreads;

    public DunningRun(DunningSnapshots snapshots, DunningDecider decider, DunningStore store, LedgerJournal journal,
                      PlatformTransactionManager tx, int customersPerTransaction) {
        this(snapshots, decider, store, journal, tx, customersPerTransaction,
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param renderThreads threads rendering letters ahead of their transactions (0: render in the transaction)
     */
    public DunningRun(DunningSnapshots snapshots, DunningDecider decider, DunningStore store, LedgerJournal journal,
                      PlatformTransactionManager tx, int customersPerTransaction, int renderThreads) {
        this.snapshots = snapshots;
        this.decider = decider;
        this.store = store;
        this.journal = journal;
        this.perGroup = new TransactionTemplate(tx);
        this.perGroup.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.customersPerTransaction = Math.max(1, customersPerTransaction);
        this.renderThreads = Math.max(0, renderThreads);
    }

    /** Counts of one run. */
    public static final class Summary {
        public long customers;
        public long invoices;
        public long letters;
        public long escalations;

        @Override
        public String toString() {
            return customers + " customers with " + invoices + " overdue invoices evaluated, " + letters
                    + " letters, " + escalations + " escalations";
        }
    }

    /** Checks the policy against the rules in force on the business date (refuses an illegal one). */
    public void checkPolicy(LocalDate date) {
        List<String> problems = decider.rules().check(decider.policy(), date);
        if (!problems.isEmpty()) {
            throw new RejectedInputException("illegal dunning policy on " + date + ": " + String.join("; ", problems),
                    problems);
        }
    }

    public Summary run(LocalDate date, boolean dryRun, Consumer<CustomerDecision> listener) {
        return run(date, dryRun, CustomerRange.ALL, listener);
    }

    /** The run for the customers of one range: a partition of the dunning step (docs/scaling.md). */
    public Summary run(LocalDate date, boolean dryRun, CustomerRange range, Consumer<CustomerDecision> listener) {
        checkPolicy(date);
        Summary s = new Summary();
        try (Applier applier = dryRun ? null : new Applier(date, s, listener)) {
            // each page's customers are decided on the reader thread that read it (the decider is pure), and
            // counted, reported and applied here, in customer order
            snapshots.forEachPage(date, range, page -> decideAll(page, date), decisions -> {
                for (CustomerDecision d : decisions) {
                    s.customers++;
                    s.invoices += d.customer().items().size();
                    if (!d.changesAnything() || dryRun) {
                        if (d.changesAnything()) {
                            s.letters++;
                            s.escalations += d.escalations().size();
                        }
                        listener.accept(d);
                        continue;
                    }
                    applier.add(d);
                }
            });
            if (applier != null) {
                applier.finish();
            }
        }
        return s;
    }

    private List<CustomerDecision> decideAll(List<CustomerSnapshot> page, LocalDate date) {
        List<CustomerDecision> out = new ArrayList<>(page.size());
        for (CustomerSnapshot c : page) {
            out.add(decider.decide(c, date));
        }
        return out;
    }

    /** A group of customers applied in one transaction, with their letters being rendered ahead. */
    private record Group(List<Long> customerIds, Map<Long, Future<PreparedLetter>> letters) {
        Group() {
            this(new ArrayList<>(), new HashMap<>());
        }
    }

    /**
     * Collects the changing customers into groups and applies them in order, keeping a few groups in flight so the
     * render pool works on the next groups' letters while this thread writes the current group.
     */
    private final class Applier implements AutoCloseable {
        private final LocalDate date;
        private final Summary s;
        private final Consumer<CustomerDecision> listener;
        private final ExecutorService pool;
        private final ArrayDeque<Group> inFlight = new ArrayDeque<>();
        private final int lookahead;
        private Group current = new Group();
        private int waiting;

        Applier(LocalDate date, Summary s, Consumer<CustomerDecision> listener) {
            this.date = date;
            this.s = s;
            this.listener = listener;
            this.pool = renderThreads == 0 ? null : Executors.newFixedThreadPool(renderThreads,
                    DaemonThreads.named("letter-render"));
            // enough letters in flight to keep the pool busy while a group is written, and at least one group ahead
            this.lookahead = Math.max(customersPerTransaction, 16 * Math.max(1, renderThreads));
        }

        void add(CustomerDecision d) {
            long id = d.customer().customerId();
            current.customerIds().add(id);
            if (pool != null) {
                current.letters().put(id, pool.submit(() -> store.prepareLetter(d)));
            }
            waiting++;
            if (current.customerIds().size() >= customersPerTransaction) {
                inFlight.add(current);
                current = new Group();
            }
            while (!inFlight.isEmpty() && waiting - inFlight.peekFirst().customerIds().size() >= lookahead) {
                applyFirst();
            }
        }

        void finish() {
            if (!current.customerIds().isEmpty()) {
                inFlight.add(current);
                current = new Group();
            }
            while (!inFlight.isEmpty()) {
                applyFirst();
            }
        }

        private void applyFirst() {
            Group g = inFlight.removeFirst();
            waiting -= g.customerIds().size();
            Map<Long, PreparedLetter> prepared = new HashMap<>();
            g.letters().forEach((id, f) -> {
                PreparedLetter p = rendered(f);
                if (p != null) {
                    prepared.put(id, p);
                }
            });
            List<CustomerDecision> applied = perGroup.execute(status -> apply(date, g.customerIds(), prepared));
            for (CustomerDecision d : applied) {
                s.letters++;
                s.escalations += d.escalations().size();
                listener.accept(d);
            }
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** A letter rendered ahead, or null when that failed (the transaction renders it again, and fails as it would). */
    private static PreparedLetter rendered(Future<PreparedLetter> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering letters", e);
        }
    }

    /** One group, in the transaction: lock, read again, decide again, write; returns the decisions written. */
    private List<CustomerDecision> apply(LocalDate date, List<Long> customerIds, Map<Long, PreparedLetter> prepared) {
        journal.lockCustomers(customerIds);
        Map<Long, CustomerSnapshot> fresh = snapshots.of(customerIds, date);
        List<CustomerDecision> decisions = new ArrayList<>();
        for (Long id : customerIds) {
            CustomerSnapshot snapshot = fresh.get(id);
            if (snapshot != null) {
                decisions.add(decider.decide(snapshot, date));
            }
        }
        int[] counts = store.applyAll(decisions, date, prepared);
        List<CustomerDecision> out = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            if (counts[i] > 0) {
                out.add(decisions.get(i));
            }
        }
        return out;
    }

}
