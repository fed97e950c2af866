package org.reskontro.dunning.batch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.reskontro.common.CustomerRange;
import org.reskontro.common.RejectedInputException;
import org.reskontro.dunning.CustomerDecision;
import org.reskontro.dunning.CustomerSnapshot;
import org.reskontro.dunning.DunningDecider;
import org.reskontro.dunning.jdbc.DunningSnapshots;
import org.reskontro.dunning.jdbc.DunningStore;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Calculate, decide, apply: streams the overdue snapshot, decides every customer in memory, and applies the
 * decisions that change something, each customer in a transaction of its own under the customer lock (the
 * snapshot is read again under the lock, so a payment matched meanwhile is seen). A dry run only decides.
 */
public class DunningRun {

    private final DunningSnapshots snapshots;
    private final DunningDecider decider;
    private final DunningStore store;
    private final LedgerJournal journal;
    private final TransactionTemplate perCustomer;
    private final int customersPerTransaction;

    public DunningRun(DunningSnapshots snapshots, DunningDecider decider, DunningStore store, LedgerJournal journal,
                      PlatformTransactionManager tx, int customersPerTransaction) {
        this.snapshots = snapshots;
        this.decider = decider;
        this.store = store;
        this.journal = journal;
        this.perCustomer = new TransactionTemplate(tx);
        this.perCustomer.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.customersPerTransaction = Math.max(1, customersPerTransaction);
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
        List<Long> pending = new ArrayList<>();
        snapshots.forEach(date, range, snapshot -> {
            s.customers++;
            s.invoices += snapshot.items().size();
            CustomerDecision d = decider.decide(snapshot, date);
            if (!d.changesAnything() || dryRun) {
                if (d.changesAnything()) {
                    s.letters++;
                    s.escalations += d.escalations().size();
                }
                listener.accept(d);
                return;
            }
            pending.add(snapshot.customerId());
            if (pending.size() >= customersPerTransaction) {
                applyAll(pending, date, s, listener);
            }
        });
        applyAll(pending, date, s, listener);
        return s;
    }

    /**
     * Applies the pending customers, each under its lock: one transaction per customer by default, or a few
     * customers per transaction when configured (fewer commits; the locks are held until the group commits).
     */
    private void applyAll(List<Long> pending, LocalDate date, Summary s, Consumer<CustomerDecision> listener) {
        if (pending.isEmpty()) {
            return;
        }
        List<CustomerDecision> applied = perCustomer.execute(status -> {
            List<CustomerDecision> out = new ArrayList<>();
            for (Long id : pending) {
                CustomerDecision d = apply(id, date);
                if (d != null) {
                    out.add(d);
                }
            }
            return out;
        });
        pending.clear();
        for (CustomerDecision d : applied) {
            s.letters++;
            s.escalations += d.escalations().size();
            listener.accept(d);
        }
    }

    private CustomerDecision apply(long customerId, LocalDate date) {
        journal.lockCustomer(customerId);
        CustomerSnapshot fresh = snapshots.one(customerId, date);
        if (fresh == null) {
            return null;
        }
        CustomerDecision d = decider.decide(fresh, date);
        return store.apply(d, date) > 0 ? d : null;
    }
}
