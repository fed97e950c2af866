package org.reskontro.matching.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.reskontro.ledger.Allocation;
import org.reskontro.ledger.InvoiceStatus;
import org.reskontro.ledger.InvoiceType;
import org.reskontro.ledger.OpenItem;
import org.reskontro.ledger.PostingType;
import org.reskontro.matching.BankPayment;
import org.reskontro.matching.Decision;
import org.reskontro.matching.MatchIndex;
import org.reskontro.matching.OpenInvoice;
import org.reskontro.matching.Suggestion;
import java.sql.Types;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The batched fast path of the matching job: writes a chunk's decisions in a handful of statements, inside the
 * chunk's transaction. The rows are those {@code LedgerJournal.postAndAllocate} writes row by row: a PAYMENT posting
 * keyed {@code bank-tx:<id>}, its allocations (fees, interest, principal of each invoice in order, keys
 * {@code bank-tx:<id>/a<invoice>/<n>}), a WRITE_OFF posting for a shortfall within tolerance, and the invoices'
 * open-item projections. The customers of the chunk are locked first (as {@code LedgerJournal.lockCustomer} does),
 * then the invoices, whose current open items (not the index's) decide the allocation.
 */
public class MatchWriter {

    public static final String SOURCE = "matching";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final BatchedReversals reversals;
    private final Reversals single;

    public MatchWriter(JdbcTemplate jdbc, Reversals reversals) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.single = reversals;
        this.reversals = new BatchedReversals(jdbc, reversals);
    }

    /**
     * A writer of its own (its phase timings are its own), for a second connection writing beside this one. Writers
     * that share an index change it only while holding the index's monitor, so several may write at once, as long
     * as none decides meanwhile.
     */
    public MatchWriter another() {
        return new MatchWriter(jdbc, single);
    }

    /** A transaction and what the pipeline decided for it. */
    public record Outcome(BankPayment payment, Decision decision) {
    }

    /** Counts of what a chunk did. */
    public record Counts(int matched, int onAccount, int unmatched, int outgoing, int reversed) {

        public Counts plus(Counts o) {
            return new Counts(matched + o.matched, onAccount + o.onAccount, unmatched + o.unmatched,
                    outgoing + o.outgoing, reversed + o.reversed);
        }
    }

    private static final class Inv {
        final long id;
        final InvoiceType type;
        final BigDecimal amount;
        final InvoiceStatus status;
        OpenItem open;
        boolean touched;

        Inv(long id, InvoiceType type, BigDecimal amount, InvoiceStatus status, OpenItem open) {
            this.id = id;
            this.type = type;
            this.amount = amount;
            this.status = status;
            this.open = open;
        }
    }

    private record PostingRow(long customerId, Long invoiceId, LocalDate date, PostingType type, BigDecimal amount,
                              String currency, String documentNo, String text, String idemKey) {
    }

    private record AllocRow(String postingKey, long invoiceId, String component, BigDecimal amount, LocalDate date,
                            String idemKey) {
    }

    private record TxUpdate(long id, String status, Long customerId, String postingKey, String rule, String evidence) {
    }

    /** Nanoseconds spent per phase, for the run's log line. */
    public final long[] phaseNanos = new long[PHASES.length];
    private long mark;

    private void lap(int phase) {
        long now = System.nanoTime();
        phaseNanos[phase] += now - mark;
        mark = now;
    }

    /** The phase timings of these writers, summed, as {@link #phases()} gives one writer's. */
    public static String phases(List<MatchWriter> writers) {
        long[] sum = new long[PHASES.length];
        for (MatchWriter w : writers) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += w.phaseNanos[i];
            }
        }
        return format(sum);
    }

    public String phases() {
        return format(phaseNanos);
    }

    private static final String[] PHASES = {"lock customers", "lock invoices", "existing keys", "compute",
            "insert postings+ids", "insert allocations", "update invoices", "update transactions", "unmatched",
            "outgoing", "reversals"};

    private static String format(long[] nanos) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < PHASES.length; i++) {
            sb.append(PHASES[i]).append(' ').append(nanos[i] / 1_000_000).append(" ms; ");
        }
        return sb.toString();
    }

    public Counts write(List<Outcome> outcomes, LocalDate businessDate, MatchIndex idx) {
        mark = System.nanoTime();
        List<Outcome> matched = new ArrayList<>();
        Set<Long> customers = new TreeSet<>();
        Set<Long> invoiceIds = new TreeSet<>();
        List<String> keys = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.decision() instanceof Decision.Matched m) {
                matched.add(o);
                customers.add(m.customerId());
                invoiceIds.addAll(m.invoiceIds());
                keys.add(key(o.payment()));
            }
        }
        int nMatched = 0;
        int nOnAccount = 0;
        List<TxUpdate> updates = new ArrayList<>();
        if (!matched.isEmpty()) {
            named.query("SELECT id FROM customer WHERE id IN (:ids) ORDER BY id FOR UPDATE", Map.of("ids", customers),
                    rs -> {
                    });
            lap(0);
            Map<Long, Inv> invoices = new HashMap<>();
            if (!invoiceIds.isEmpty()) {
                named.query("""
                        SELECT id, type, amount, fee_open, interest_open, principal_open, status FROM invoice
                         WHERE id IN (:ids) ORDER BY id FOR UPDATE""", Map.of("ids", invoiceIds), rs -> {
                    invoices.put(rs.getLong(1), new Inv(rs.getLong(1), InvoiceType.valueOf(rs.getString(2)),
                            rs.getBigDecimal(3), InvoiceStatus.valueOf(rs.getString(7)),
                            new OpenItem(rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6))));
                });
            }
            lap(1);
            Set<String> existing = new HashSet<>(named.queryForList(
                    "SELECT idem_key FROM posting WHERE idem_key IN (:keys)", Map.of("keys", keys), String.class));
            lap(2);
            List<PostingRow> postings = new ArrayList<>();
            List<AllocRow> allocations = new ArrayList<>();
            List<Outcome> learned = new ArrayList<>(matched.size());
            for (Outcome o : matched) {
                Decision.Matched m = (Decision.Matched) o.decision();
                BankPayment p = o.payment();
                String key = key(p);
                if (existing.contains(key)) {
                    if (m.invoiceIds().isEmpty()) {
                        updates.add(new TxUpdate(p.id(), "ON_ACCOUNT", m.customerId(), key, m.rule().name(), m.evidence()));
                        nOnAccount++;
                    } else {
                        updates.add(new TxUpdate(p.id(), "MATCHED", m.customerId(), key, m.rule().name(), m.evidence()));
                        nMatched++;
                    }
                    continue;
                }
                LocalDate date = p.bookingDate() != null ? p.bookingDate() : businessDate;
                BigDecimal left = p.amount();
                BigDecimal allocated = BigDecimal.ZERO;
                Inv last = null;
                for (Long id : m.invoiceIds()) {
                    Inv inv = invoices.get(id);
                    if (inv == null) {
                        continue;
                    }
                    last = inv;
                    if (left.signum() == 0) {
                        break;
                    }
                    Allocation.Result r = Allocation.apply(inv.open, left);
                    int n = 0;
                    for (Allocation.Part part : r.parts()) {
                        allocations.add(new AllocRow(key, id, part.component().name(), part.amount(), date,
                                key + "/a" + id + "/" + (n++)));
                    }
                    if (!r.parts().isEmpty()) {
                        inv.open = r.after();
                        inv.touched = true;
                    }
                    allocated = allocated.add(r.applied());
                    left = r.remainder();
                }
                postings.add(new PostingRow(m.customerId(), null, date, PostingType.PAYMENT, p.amount().negate(),
                        p.currency(), document(p), text(p), key));
                if (m.writeOff().signum() > 0 && last != null && last.open.total().signum() > 0) {
                    Allocation.Result r = Allocation.apply(last.open, m.writeOff().min(last.open.total()));
                    String woKey = key + "/write-off";
                    int n = 0;
                    for (Allocation.Part part : r.parts()) {
                        allocations.add(new AllocRow(woKey, last.id, part.component().name(), part.amount(), date,
                                woKey + "/a" + last.id + "/" + (n++)));
                    }
                    last.open = r.after();
                    last.touched = true;
                    postings.add(new PostingRow(m.customerId(), last.id, date, PostingType.WRITE_OFF,
                            r.applied().negate(), p.currency(), document(p), "Write-off of a shortfall within tolerance",
                            woKey));
                }
                if (allocated.signum() == 0) {
                    updates.add(new TxUpdate(p.id(), "ON_ACCOUNT", m.customerId(), key, m.rule().name(),
                            m.invoiceIds().isEmpty() ? m.evidence()
                                    : truncated(m.evidence() + "; the invoices were settled meanwhile, kept on account")));
                    nOnAccount++;
                } else {
                    updates.add(new TxUpdate(p.id(), "MATCHED", m.customerId(), key, m.rule().name(), m.evidence()));
                    nMatched++;
                }
                learned.add(o);
            }
            synchronized (idx) {
                for (Outcome o : learned) {
                    idx.learnAccount(o.payment().payerAccount(), ((Decision.Matched) o.decision()).customerId());
                }
            }
            lap(3);
            insertPostings(postings);
            Map<String, Long> postingIds = postingIds(keys, postings);
            lap(4);
            insertAllocations(allocations, postingIds);
            lap(5);
            updateInvoices(invoices, idx);
            lap(6);
            List<Object[]> txArgs = new ArrayList<>();
            for (TxUpdate u : updates) {
                txArgs.add(new Object[] {u.status(), u.customerId(), postingIds.get(u.postingKey()), u.rule(),
                        u.evidence(), u.id()});
            }
            BatchSql.updateByIds(jdbc, "bank_transaction", new String[] {"match_status", "customer_id", "posting_id", "match_rule",
                    "match_evidence"}, txArgs, new int[] {Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.VARCHAR,
                    Types.VARCHAR}, BatchSql.STILL_OPEN);
        }

        lap(7);
        int nUnmatched = writeUnmatched(outcomes);
        lap(8);
        List<Object[]> outgoing = new ArrayList<>();
        List<BankPayment> reversalList = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.decision() instanceof Decision.Outgoing out) {
                outgoing.add(new Object[] {"OUTGOING", out.evidence(), o.payment().id()});
            } else if (o.decision() instanceof Decision.Reversal) {
                reversalList.add(o.payment());
            }
        }
        int nReversed;
        synchronized (idx) {
            nReversed = reversals.reverseAll(reversalList, businessDate, idx);
        }
        nUnmatched += reversalList.size() - nReversed;
        lap(10);
        if (!outgoing.isEmpty()) {
            BatchSql.updateByIds(jdbc, "bank_transaction", new String[] {"match_status", "match_evidence"}, outgoing,
                    new int[] {Types.VARCHAR, Types.VARCHAR}, BatchSql.STILL_OPEN);
        }
        lap(9);
        return new Counts(nMatched, nOnAccount, nUnmatched, outgoing.size(), nReversed);
    }

    private int writeUnmatched(List<Outcome> outcomes) {
        List<Object[]> evidence = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        List<Object[]> suggestions = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.decision() instanceof Decision.Unmatched u) {
                ids.add(o.payment().id());
                evidence.add(new Object[] {truncated(u.reason()), o.payment().id()});
                int rank = 1;
                for (Suggestion s : u.suggestions()) {
                    suggestions.add(new Object[] {o.payment().id(), rank++, s.invoiceId(), s.score(), s.why()});
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        named.update("DELETE FROM match_suggestion WHERE transaction_id IN (:ids)", Map.of("ids", ids));
        BatchSql.updateByIds(jdbc, "bank_transaction", new String[] {"match_evidence"}, evidence, new int[] {Types.VARCHAR},
                BatchSql.STILL_OPEN);
        if (!suggestions.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO match_suggestion (transaction_id, suggestion_rank, invoice_id, score, reason) "
                    + "VALUES (?, ?, ?, ?, ?)", suggestions,
                    new int[] {Types.BIGINT, Types.INTEGER, Types.BIGINT, Types.INTEGER, Types.VARCHAR});
        }
        return ids.size();
    }

    private void insertPostings(List<PostingRow> postings) {
        if (postings.isEmpty()) {
            return;
        }
        List<Object[]> args = new ArrayList<>(postings.size());
        for (PostingRow p : postings) {
            args.add(new Object[] {p.customerId(), p.invoiceId(), Date.valueOf(p.date()), p.type().name(), p.amount(),
                    p.currency(), p.documentNo(), p.text(), SOURCE, p.idemKey()});
        }
        jdbc.batchUpdate("""
                INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, document_no, text,
                                     source, idem_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", args, new int[] {Types.BIGINT, Types.BIGINT, Types.DATE,
                Types.VARCHAR, Types.DECIMAL, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR});
    }

    private Map<String, Long> postingIds(List<String> keys, List<PostingRow> postings) {
        Map<String, Long> ids = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (PostingRow p : postings) {
            if (p.type() == PostingType.WRITE_OFF) {
                all.add(p.idemKey());
            }
        }
        named.query("SELECT idem_key, id FROM posting WHERE idem_key IN (:keys)", Map.of("keys", all),
                rs -> {
                    ids.put(rs.getString(1), rs.getLong(2));
                });
        return ids;
    }

    private void insertAllocations(List<AllocRow> allocations, Map<String, Long> postingIds) {
        if (allocations.isEmpty()) {
            return;
        }
        List<Object[]> args = new ArrayList<>(allocations.size());
        for (AllocRow a : allocations) {
            args.add(new Object[] {postingIds.get(a.postingKey()), a.invoiceId(), a.component(), a.amount(),
                    Date.valueOf(a.date()), SOURCE, a.idemKey()});
        }
        jdbc.batchUpdate("""
                INSERT INTO allocation (posting_id, invoice_id, component, amount, allocation_date, source, idem_key)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", args, new int[] {Types.BIGINT, Types.BIGINT, Types.VARCHAR,
                Types.DECIMAL, Types.DATE, Types.VARCHAR, Types.VARCHAR});
    }

    private void updateInvoices(Map<Long, Inv> invoices, MatchIndex idx) {
        List<Object[]> args = new ArrayList<>();
        synchronized (idx) {
            for (Inv inv : invoices.values()) {
                OpenInvoice indexed = idx.invoice(inv.id);
                if (indexed != null) {
                    indexed.setOpen(inv.open);
                }
            }
        }
        for (Inv inv : invoices.values()) {
            if (!inv.touched) {
                continue;
            }
            InvoiceStatus status = inv.status == InvoiceStatus.IN_COLLECTION && inv.open.total().signum() > 0
                    ? InvoiceStatus.IN_COLLECTION
                    : Allocation.statusOf(inv.type, inv.amount, inv.open, false);
            args.add(new Object[] {inv.open.fee(), inv.open.interest(), inv.open.principal(), status.name(), inv.id});
        }
        if (!args.isEmpty()) {
            BatchSql.updateByIds(jdbc, "invoice", new String[] {"fee_open", "interest_open", "principal_open", "status"}, args,
                    new int[] {Types.DECIMAL, Types.DECIMAL, Types.DECIMAL, Types.VARCHAR}, "");
        }
    }

    /**
     * The transactions of these outcomes that stay OPEN when they are written: those left for a person, and the
     * reversals (one that finds nothing to undo stays OPEN). Only these need the routing's {@code decided} mark:
     * every other outcome takes its transaction out of OPEN in the same transaction, which is what keeps a
     * restarted partition from reading it again.
     */
    public static List<Long> leftOpen(List<Outcome> outcomes) {
        List<Long> ids = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.decision() instanceof Decision.Unmatched || o.decision() instanceof Decision.Reversal) {
                ids.add(o.payment().id());
            }
        }
        return ids;
    }

    static String key(BankPayment p) {
        return "bank-tx:" + p.id();
    }

    private static String document(BankPayment p) {
        String d = p.reference() != null ? p.reference() : p.bankReference() != null ? p.bankReference() : "bank-tx:" + p.id();
        return d.length() <= 60 ? d : d.substring(0, 60);
    }

    private static String text(BankPayment p) {
        String t = "Payment" + (p.payerName() == null ? "" : " " + p.payerName());
        return t.length() <= 200 ? t : t.substring(0, 200);
    }

    /** An evidence text cut to its column. */
    static String truncated(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
