package org.reskontro.matching.batch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.reskontro.common.CustomerRange;
import org.reskontro.matching.BankPayment;
import org.reskontro.matching.Decision;
import org.reskontro.matching.MatchIndex;
import org.reskontro.matching.Matcher;
import org.reskontro.matching.SettledInvoice;
import org.reskontro.matching.jdbc.MatchIndexLoader;
import org.reskontro.matching.jdbc.MatchRoutes;
import org.reskontro.matching.jdbc.MatchWriter;
import org.reskontro.matching.jdbc.SettledReferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Decides each transaction of a chunk in order against the run's index (loaded once, on the step's open) and
 * writes the chunk's decisions in one batch. A decided match is applied to the index at once, so two payments
 * of one chunk never settle the same open amount twice.
 */
class MatchChunkWriter implements ItemWriter<BankPayment>, ItemStream {

    private static final Logger LOG = LoggerFactory.getLogger(MatchChunkWriter.class);

    private final MatchIndexLoader loader;
    private final MatchWriter writer;
    private final SettledReferences settled;
    private final Matcher matcher;
    private final LocalDate date;
    private final MatchRoutes routes;
    private final long routeId;
    private final CustomerRange partition;
    private final RoutingIndexHandover handover;
    private final PlatformTransactionManager tx;
    private final int writeConnections;
    private SplitWrites split;
    private MatchIndex index;
    private long matched;
    private long onAccount;
    private long unmatched;
    private long outgoing;
    private long reversed;
    private long loadNanos;
    private boolean handedOver;
    private long decideNanos;
    private long writeNanos;

    /**
     * The writer of one phase of route {@code routeId}. {@code partition} null: the serial leftover phase, with the
     * ledger's knowledge as it is now. Otherwise a partition of that routing: the index knows the payer accounts
     * of before the run, and an account learned from a match serves only the same customer's later payments (see
     * {@link MatchIndex#learnOnlyWithinCustomer()}). Each chunk records its transactions as decided. A partition
     * with {@code writeConnections} above 1 writes each chunk split by customer over that many connections at once
     * ({@link SplitWrites}); the leftover phase always writes in the chunk's own transaction.
     */
    MatchChunkWriter(MatchIndexLoader loader, MatchWriter writer, SettledReferences settled, MatchRoutes routes,
                     Matcher matcher, LocalDate date, long routeId, CustomerRange partition,
                     RoutingIndexHandover handover, PlatformTransactionManager tx, int writeConnections) {
        this.settled = settled;
        this.tx = tx;
        this.writeConnections = writeConnections;
        this.handover = handover;
        this.loader = loader;
        this.writer = writer;
        this.routes = routes;
        this.matcher = matcher;
        this.date = date;
        this.routeId = routeId;
        this.partition = partition;
    }

    private MatchIndex load() {
        if (partition == null) {
            handover.clear(); // an index that no partition took (a partition that failed first) is not kept
            MatchIndex all = loader.load();
            all.suggestByAmount(); // the payments no rule routed to a customer are decided here
            return all;
        }
        MatchIndex handed = handover.take(routeId);
        handedOver = handed != null;
        MatchIndex idx = handed != null ? handed : loader.load(routeId);
        idx.learnOnlyWithinCustomer();
        if (!handedOver) {
            // a restart, or a partition of its own: what the run taught before (an index handed over comes straight
            // from the routing, before anything was decided)
            loader.learnDecided(idx, routeId, partition.min(), partition.max());
        }
        return idx;
    }

    @Override
    public void open(ExecutionContext context) {
        long t = System.nanoTime();
        index = load();
        loadNanos = System.nanoTime() - t;
        if (partition != null && writeConnections > 1) {
            split = SplitWrites.of(writer, writeConnections, tx, routes, routeId);
        }
        LOG.info("index {}: {} customers, {} open invoices in {} ms", handedOver ? "handed over by the routing pass"
                : "loaded", index.customerCount(), index.invoiceCount(), loadNanos / 1_000_000);
    }

    @Override
    public void write(Chunk<? extends BankPayment> chunk) {
        if (index == null) {
            index = load();
        }
        long t0 = System.nanoTime();
        List<Long> ids = new ArrayList<>(chunk.size());
        chunk.forEach(p -> ids.add(p.id()));
        // the customer the routing pass gave each payment (the partition reads only those): its focus, the same
        // on a restart, when invoices settled before it are no longer in the index the router would look at
        Map<Long, Long> routed = partition == null ? Map.of() : routes.customersOf(routeId, ids);
        // what the ledger holds under the references the payments show and the index does not know: asked once
        List<List<String>> refs = new ArrayList<>(chunk.size());
        Set<String> ask = new LinkedHashSet<>();
        for (BankPayment p : chunk) {
            List<String> r = Matcher.referencesToLookUp(p, index);
            refs.add(r);
            ask.addAll(r);
        }
        Map<String, List<SettledInvoice>> ledger = ask.isEmpty() ? Map.of() : settled.find(ask);
        List<MatchWriter.Outcome> outcomes = new ArrayList<>(chunk.size());
        int i = 0;
        for (BankPayment p : chunk) {
            Map<String, List<SettledInvoice>> known = ledger.isEmpty() ? Map.of() : known(refs.get(i), ledger);
            i++;
            Long focus = partition == null ? null : routed.get(p.id());
            if (partition != null) {
                index.focus(focus);
            }
            Decision d = matcher.decide(p, index, known);
            if (d instanceof Decision.Unmatched u) {
                d = matcher.settledReference(p, index, u, known, focus);
            }
            if (d instanceof Decision.Matched m) {
                index.apply(m, p.amount());
            }
            outcomes.add(new MatchWriter.Outcome(p, d));
        }
        long t1 = System.nanoTime();
        MatchWriter.Counts c;
        if (split != null) {
            c = split.write(outcomes, routed, date, index);
        } else {
            c = writer.write(outcomes, date, index);
            routes.markDecided(routeId, MatchWriter.leftOpen(outcomes));
        }
        decideNanos += t1 - t0;
        writeNanos += System.nanoTime() - t1;
        matched += c.matched();
        onAccount += c.onAccount();
        unmatched += c.unmatched();
        outgoing += c.outgoing();
        reversed += c.reversed();
    }

    /** What the ledger holds under one payment's references. */
    private static Map<String, List<SettledInvoice>> known(List<String> refs, Map<String, List<SettledInvoice>> ledger) {
        Map<String, List<SettledInvoice>> known = Map.of();
        for (String r : refs) {
            List<SettledInvoice> l = ledger.get(r);
            if (l != null) {
                if (known.isEmpty()) {
                    known = new java.util.LinkedHashMap<>(); // in the order the payment shows them
                }
                known.put(r, l);
            }
        }
        return known;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong("matched", matched);
        context.putLong("onAccount", onAccount);
        context.putLong("unmatched", unmatched);
        context.putLong("outgoing", outgoing);
        context.putLong("reversed", reversed);
    }

    @Override
    public void close() {
        if (index != null) {
            LOG.info("matching: index load {} ms, deciding {} ms, writing {} ms", loadNanos / 1_000_000,
                    decideNanos / 1_000_000, writeNanos / 1_000_000);
            LOG.info("matching writes: {}", split != null ? split.phases() : writer.phases());
        }
        if (split != null) {
            split.close();
            split = null;
        }
        index = null;
    }
}
