package org.reskontro.dunning.jdbc;

import static org.reskontro.common.Texts.truncate;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.reskontro.dunning.CustomerDecision;
import org.reskontro.dunning.DunningPolicy;
import org.reskontro.dunning.ItemDecision;
import org.reskontro.dunning.OverdueItem;
import org.reskontro.ledger.Component;
import org.reskontro.ledger.PostingType;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.reskontro.letters.LetterOutbox;
import org.reskontro.letters.PreparedLetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies customers' dunning decisions inside the caller's transaction (which holds the customer locks): the
 * fee, interest and compensation postings, the invoice's level, the history and audit rows, and the letter in
 * the outbox, batched across the customers of a transaction. Every write has a key with the invoice and level, so applying the same decision twice changes
 * nothing.
 */
public class DunningStore {

    static final String SOURCE = "dunning";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final LedgerJournal journal;
    private final LetterOutbox outbox;
    private final Clock clock;

    public DunningStore(JdbcClient jdbc, JdbcTemplate batch, LedgerJournal journal, LetterOutbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.journal = journal;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Writes the decision; returns the number of items escalated. */
    public int apply(CustomerDecision decision, LocalDate date) {
        return applyAll(List.of(decision), date, Map.of())[0];
    }

    /**
     * Renders the decision's letter ahead of the transaction that applies it (thread-safe, no database): what
     * {@link #applyAll} stores when the decision taken again under the lock has the same letter. Null when there is
     * no letter or the outbox does not render ahead.
     */
    public PreparedLetter prepareLetter(CustomerDecision decision) {
        return decision.letter() == null ? null : outbox.prepare(decision.letter());
    }

    /**
     * Writes several customers' decisions in the caller's transaction (which holds their locks) with batched
     * statements: the same rows as {@link #apply} for each. Returns per decision the number of items escalated.
     *
     * @param prepared letters rendered ahead by {@link #prepareLetter}, by customer id (may miss some)
     */
    public int[] applyAll(List<CustomerDecision> decisions, LocalDate date, Map<Long, PreparedLetter> prepared) {
        int[] counts = new int[decisions.size()];
        List<String> noticeKeys = new ArrayList<>();
        for (CustomerDecision decision : decisions) {
            if (!decision.changesAnything()) {
                continue;
            }
            for (ItemDecision.Escalate e : decision.escalations()) {
                noticeKeys.add(key(e) + ":notice");
                if (e.item().level() > 0) {
                    noticeKeys.add(previousKey(e) + ":notice");
                }
            }
        }
        Set<String> done = new HashSet<>();
        for (int from = 0; from < noticeKeys.size(); from += IN_LIMIT) {
            done.addAll(jdbc.sql("SELECT idem_key FROM dunning_history WHERE idem_key IN (:keys)")
                    .param("keys", noticeKeys.subList(from, Math.min(noticeKeys.size(), from + IN_LIMIT)))
                    .query(String.class).list());
        }
        List<Object[]> history = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> audits = new ArrayList<>();
        List<LedgerJournal.Charge> charges = new ArrayList<>();
        List<LetterOutbox.NewLetter> letters = new ArrayList<>();
        Timestamp now = Timestamp.from(clock.instant());
        Date day = Date.valueOf(date);
        for (int n = 0; n < decisions.size(); n++) {
            CustomerDecision decision = decisions.get(n);
            if (!decision.changesAnything()) {
                continue;
            }
            int before = updates.size();
            collect(decision, date, day, now, done, history, updates, audits, charges);
            counts[n] = updates.size() - before;
            if (counts[n] > 0) {
                long customerId = decision.customer().customerId();
                letters.add(new LetterOutbox.NewLetter(customerId, decision.letter(), "dunning:"
                        + decision.customer().customerNo() + ":" + date + ":L" + decision.letter().level() + ":letter",
                        prepared.get(customerId)));
            }
        }
        if (updates.isEmpty()) {
            return counts;
        }
        journal.chargeAll(charges);
        batch.batchUpdate("""
                INSERT INTO dunning_history (business_date, customer_id, invoice_id, level, action, amount, currency,
                                             rule_text, idem_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", history);
        batch.batchUpdate("""
                UPDATE invoice SET dunning_level = ?, last_dunning_date = ?, reminder_fee_count = reminder_fee_count + ?,
                       dunning_fee_total = dunning_fee_total + ?, status = COALESCE(?, status)
                 WHERE id = ?""", updates);
        batch.batchUpdate("INSERT INTO audit_log (occurred_at, actor, action, customer_id, invoice_id, details) "
                + "VALUES (?, ?, ?, ?, ?, ?)", audits);
        outbox.storeAll(letters);
        return counts;
    }

    private static final int IN_LIMIT = 500;

    /** The rows of one customer's decision: history, charges, invoice updates and audit. */
    private static void collect(CustomerDecision decision, LocalDate date, Date day, Timestamp now, Set<String> done,
                                List<Object[]> history, List<Object[]> updates, List<Object[]> audits,
                                List<LedgerJournal.Charge> charges) {
        long customerId = decision.customer().customerId();
        for (ItemDecision.Escalate e : decision.escalations()) {
            OverdueItem item = e.item();
            String key = key(e);
            if (done.contains(key + ":notice")) {
                continue; // applied before
            }
            if (item.level() > 0 && item.lastDunningDate() != null && !done.contains(previousKey(e) + ":notice")) {
                // a level migrated from another system (import-ledger): record its notice for the history and export
                history.add(row(Date.valueOf(item.lastDunningDate()), customerId, item, item.level(), "NOTICE", null,
                        "level " + item.level() + " sent before reskontro (migrated)", previousKey(e) + ":notice"));
            }
            history.add(row(day, customerId, item, e.levelAfter(), "NOTICE", null, "level " + item.level() + " -> "
                    + e.levelAfter() + (e.notes().isEmpty() ? "" : "; " + String.join("; ", e.notes())), key + ":notice"));
            BigDecimal fees = BigDecimal.ZERO;
            int reminderFees = 0;
            if (e.fee().signum() > 0) {
                charges.add(charge(customerId, item, date, PostingType.FEE, Component.FEE, e.fee(),
                        "Dunning fee level " + e.levelAfter(), key + ":fee"));
                history.add(row(day, customerId, item, e.levelAfter(), "FEE", e.fee(), e.feeRule(), key + ":fee"));
                fees = fees.add(e.fee());
                reminderFees = e.levelAfter() < DunningPolicy.FINAL_NOTICE ? 1 : 0;
            }
            if (e.toCollection()) {
                if (e.interest().signum() > 0) {
                    charges.add(charge(customerId, item, date, PostingType.INTEREST, Component.INTEREST, e.interest(),
                            "Late interest to " + date, key + ":interest"));
                    history.add(row(day, customerId, item, e.levelAfter(), "INTEREST", e.interest(),
                            "late interest from " + item.dueDate().plusDays(1) + " to " + date, key + ":interest"));
                }
                if (e.compensation().signum() > 0) {
                    charges.add(charge(customerId, item, date, PostingType.FEE, Component.FEE, e.compensation(),
                            "Compensation for late payment", key + ":compensation"));
                    history.add(row(day, customerId, item, e.levelAfter(), "COMPENSATION", e.compensation(),
                            e.compensationRule(), key + ":compensation"));
                    fees = fees.add(e.compensation());
                }
                history.add(row(day, customerId, item, e.levelAfter(), "COLLECTION", item.principalOpen(),
                        "handed over to collection", key + ":collection"));
            }
            updates.add(new Object[] {e.levelAfter(), day, reminderFees, fees,
                    e.toCollection() ? "IN_COLLECTION" : null, item.invoiceId()});
            audits.add(new Object[] {now, "dunning", "DUNNING_LEVEL_" + e.levelAfter(), customerId, item.invoiceId(),
                    truncate("date " + date + ", " + item.invoiceNo() + " level " + item.level() + " -> " + e.levelAfter()
                            + ", fee " + e.fee().toPlainString() + (e.feeRule() == null ? "" : " (" + e.feeRule() + ")")
                            + ", interest " + e.interest().toPlainString()
                            + (e.compensation().signum() > 0 ? ", compensation " + e.compensation().toPlainString()
                            + " (" + e.compensationRule() + ")" : "")
                            + (e.notes().isEmpty() ? "" : "; " + String.join("; ", e.notes())), 2000)});
        }
    }

    private static String previousKey(ItemDecision.Escalate e) {
        return "dunning:" + e.item().invoiceNo() + ":L" + e.item().level();
    }

    private static String key(ItemDecision.Escalate e) {
        return "dunning:" + e.item().invoiceNo() + ":L" + e.levelAfter();
    }

    private static Object[] row(Date day, long customerId, OverdueItem item, int level, String action,
                                BigDecimal amount, String rule, String key) {
        return new Object[] {day, customerId, item.invoiceId(), level, action, amount, item.currency(),
                truncate(rule, 500), key};
    }

    /** What the run for a date wrote, one line per history row, in customer and invoice order. */
    public List<String> report(LocalDate date) {
        return jdbc.sql("""
                SELECT c.customer_no, c.name, i.invoice_no, h.level, h.action, h.amount, h.currency, h.rule_text
                  FROM dunning_history h JOIN customer c ON c.id = h.customer_id JOIN invoice i ON i.id = h.invoice_id
                 WHERE h.business_date = ?
                 ORDER BY c.customer_no, i.invoice_no, h.id""")
                .param(Date.valueOf(date))
                .query((rs, n) -> String.format("%-6s %-24.24s %-9s L%d %-12s %10s %s  %s", rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getBigDecimal(6) == null ? "" : rs.getBigDecimal(6).toPlainString(),
                        rs.getString(7) == null ? "" : rs.getString(7),
                        rs.getString(8) == null ? "" : rs.getString(8)))
                .list();
    }

    private static LedgerJournal.Charge charge(long customerId, OverdueItem item, LocalDate date, PostingType type,
                                               Component component, BigDecimal amount, String text, String key) {
        return new LedgerJournal.Charge(new LedgerJournal.NewPosting(customerId, item.invoiceId(), date, type, amount,
                item.currency(), item.invoiceNo(), text, SOURCE, key), component);
    }
}
