package org.reskontro.dunning.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;

import org.reskontro.dunning.CustomerDecision;
import org.reskontro.dunning.DunningPolicy;
import org.reskontro.dunning.ItemDecision;
import org.reskontro.dunning.OverdueItem;
import org.reskontro.ledger.Component;
import org.reskontro.ledger.PostingType;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.reskontro.letters.LetterOutbox;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies a customer's dunning decision inside the caller's transaction (which holds the customer lock): the
 * fee, interest and compensation postings, the invoice's level, the history and audit rows, and the letter in
 * the outbox. Every write has a key with the invoice and level, so applying the same decision twice changes
 * nothing.
 */
public class DunningStore {

    static final String SOURCE = "dunning";

    private final JdbcClient jdbc;
    private final LedgerJournal journal;
    private final LetterOutbox outbox;
    private final Clock clock;

    public DunningStore(JdbcClient jdbc, LedgerJournal journal, LetterOutbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Writes the decision; returns the number of items escalated. */
    public int apply(CustomerDecision decision, LocalDate date) {
        if (!decision.changesAnything()) {
            return 0;
        }
        long customerId = decision.customer().customerId();
        int escalated = 0;
        for (ItemDecision.Escalate e : decision.escalations()) {
            OverdueItem item = e.item();
            String key = "dunning:" + item.invoiceNo() + ":L" + e.levelAfter();
            if (!history(date, customerId, item.invoiceId(), e.levelAfter(), "NOTICE", null, item.currency(),
                    "level " + item.level() + " -> " + e.levelAfter() + (e.notes().isEmpty() ? ""
                            : "; " + String.join("; ", e.notes())), key + ":notice")) {
                continue; // applied before
            }
            escalated++;
            BigDecimal fees = BigDecimal.ZERO;
            int reminderFees = 0;
            if (e.fee().signum() > 0) {
                charge(customerId, item, date, PostingType.FEE, Component.FEE, e.fee(),
                        "Dunning fee level " + e.levelAfter(), key + ":fee");
                history(date, customerId, item.invoiceId(), e.levelAfter(), "FEE", e.fee(), item.currency(),
                        e.feeRule(), key + ":fee");
                fees = fees.add(e.fee());
                reminderFees = e.levelAfter() < DunningPolicy.FINAL_NOTICE ? 1 : 0;
            }
            if (e.toCollection()) {
                if (e.interest().signum() > 0) {
                    charge(customerId, item, date, PostingType.INTEREST, Component.INTEREST, e.interest(),
                            "Late interest to " + date, key + ":interest");
                    history(date, customerId, item.invoiceId(), e.levelAfter(), "INTEREST", e.interest(),
                            item.currency(), "late interest from " + item.dueDate().plusDays(1) + " to " + date,
                            key + ":interest");
                }
                if (e.compensation().signum() > 0) {
                    charge(customerId, item, date, PostingType.FEE, Component.FEE, e.compensation(),
                            "Compensation for late payment", key + ":compensation");
                    history(date, customerId, item.invoiceId(), e.levelAfter(), "COMPENSATION", e.compensation(),
                            item.currency(), e.compensationRule(), key + ":compensation");
                    fees = fees.add(e.compensation());
                }
                history(date, customerId, item.invoiceId(), e.levelAfter(), "COLLECTION", item.principalOpen(),
                        item.currency(), "handed over to collection", key + ":collection");
            }
            jdbc.sql("""
                    UPDATE invoice SET dunning_level = ?, last_dunning_date = ?, reminder_fee_count = reminder_fee_count + ?,
                           dunning_fee_total = dunning_fee_total + ?,
                           status = CASE WHEN ? THEN 'IN_COLLECTION' ELSE status END
                     WHERE id = ?""")
                    .params(e.levelAfter(), Date.valueOf(date), reminderFees, fees, e.toCollection(), item.invoiceId())
                    .update();
            audit(customerId, item.invoiceId(), "DUNNING_LEVEL_" + e.levelAfter(),
                    "date " + date + ", " + item.invoiceNo() + " level " + item.level() + " -> " + e.levelAfter()
                            + ", fee " + e.fee().toPlainString() + (e.feeRule() == null ? "" : " (" + e.feeRule() + ")")
                            + ", interest " + e.interest().toPlainString()
                            + (e.compensation().signum() > 0 ? ", compensation " + e.compensation().toPlainString()
                            + " (" + e.compensationRule() + ")" : "")
                            + (e.notes().isEmpty() ? "" : "; " + String.join("; ", e.notes())));
        }
        if (escalated > 0) {
            outbox.store(customerId, decision.letter(), "dunning:" + decision.customer().customerNo() + ":" + date
                    + ":L" + decision.letter().level() + ":letter");
        }
        return escalated;
    }

    /** What the run for a date wrote, one line per history row, in customer and invoice order. */
    public java.util.List<String> report(LocalDate date) {
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

    private void charge(long customerId, OverdueItem item, LocalDate date, PostingType type, Component component,
                        BigDecimal amount, String text, String key) {
        journal.charge(new LedgerJournal.NewPosting(customerId, item.invoiceId(), date, type, amount, item.currency(),
                item.invoiceNo(), text, SOURCE, key), component);
    }

    /** Inserts a history row unless its key exists; true when inserted. */
    private boolean history(LocalDate date, long customerId, long invoiceId, int level, String action,
                            BigDecimal amount, String currency, String rule, String key) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM dunning_history WHERE idem_key = ?").param(key)
                .query(Long.class).single() > 0;
        if (exists) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO dunning_history (business_date, customer_id, invoice_id, level, action, amount, currency,
                                             rule_text, idem_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Date.valueOf(date), customerId, invoiceId, level, action, amount, currency,
                        truncate(rule, 500), key)
                .update();
        return true;
    }

    void audit(long customerId, Long invoiceId, String action, String details) {
        jdbc.sql("INSERT INTO audit_log (occurred_at, actor, action, customer_id, invoice_id, details) VALUES (?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), "dunning", action, customerId, invoiceId,
                        truncate(details, 2000))
                .update();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
