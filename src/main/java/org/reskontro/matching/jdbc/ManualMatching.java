package org.reskontro.matching.jdbc;

import static org.reskontro.common.Texts.truncate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.reskontro.common.Money;
import org.reskontro.common.RejectedInputException;
import org.reskontro.ledger.PostingType;
import org.reskontro.ledger.jdbc.AuditLog;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The work queue's actions: assign a transaction to invoices, put it on a customer's account, ignore it, or undo
 * what was done with it. Each runs in one transaction under the customer's lock, writes through
 * {@link LedgerJournal} with the same {@code bank-tx:<id>} key the job uses ({@code bank-tx:<id>/<round>} after
 * an undo), and is journaled in {@code audit_log} with who and why.
 */
public class ManualMatching {

    private final JdbcClient jdbc;
    private final LedgerJournal journal;
    private final Reversals reversals;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog auditLog;

    public ManualMatching(JdbcClient jdbc, LedgerJournal journal, Reversals reversals, TransactionTemplate tx,
                          Clock clock) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.reversals = reversals;
        this.tx = tx;
        this.clock = clock;
        this.auditLog = new AuditLog(jdbc, clock);
    }

    private record Tx(long id, BigDecimal amount, String currency, LocalDate bookingDate, String status,
                      String reference, String payerName, Long customerId, Long postingId, int round) {

        /** The key of the payment posting a manual action writes: the job's key, or a new one after an undo. */
        String postingKey() {
            return "bank-tx:" + id + (round == 0 ? "" : "/" + round);
        }
    }

    private record InvoiceRef(long id, long customerId, String currency) {
    }

    /** What an action did, for the command to print, with a note for the person where there is one. */
    public record Done(long transactionId, String status, long postingId, BigDecimal onAccount, String note) {
    }

    public Done assign(long transactionId, List<String> invoiceNos, String user, String why) {
        return tx.execute(s -> {
            Tx t = openIncoming(find(transactionId, false));
            List<Long> invoiceIds = new ArrayList<>();
            Set<Long> customers = new LinkedHashSet<>();
            if (new LinkedHashSet<>(invoiceNos).size() < invoiceNos.size()) {
                throw new RejectedInputException("an invoice is named more than once: " + String.join(" ", invoiceNos));
            }
            for (String no : invoiceNos) {
                InvoiceRef inv = jdbc.sql("SELECT id, customer_id, currency FROM invoice WHERE invoice_no = ? "
                                + "AND type <> 'CREDIT_NOTE'")
                        .param(no).query((rs, i) -> new InvoiceRef(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                        .optional().orElseThrow(() -> new RejectedInputException("invoice " + no + ": not found"));
                if (!inv.currency().equals(t.currency())) {
                    throw new RejectedInputException("invoice " + no + " is in " + inv.currency() + ", bank transaction "
                            + t.id() + " in " + t.currency() + ": a payment settles invoices of its own currency only");
                }
                invoiceIds.add(inv.id());
                customers.add(inv.customerId());
            }
            if (customers.size() != 1) {
                throw new RejectedInputException("the invoices " + invoiceNos + " belong to different customers");
            }
            long customerId = customers.iterator().next();
            journal.lockCustomer(customerId);
            t = openIncoming(find(transactionId, true));
            LedgerJournal.Posted posted = post(t, customerId, invoiceIds);
            String evidence = "assigned by " + user + " to " + String.join(", ", invoiceNos)
                    + (why == null ? "" : ": " + why);
            mark(t.id(), "MATCHED", customerId, posted.postingId(), "MANUAL", evidence);
            audit(user, "MATCH_ASSIGN", customerId, invoiceIds.get(0), "bank transaction " + t.id() + " "
                    + t.amount().toPlainString() + " " + t.currency() + " assigned to " + String.join(", ", invoiceNos)
                    + (posted.onAccount().signum() > 0 ? "; " + posted.onAccount().toPlainString() + " on account" : "")
                    + (why == null ? "" : "; why: " + why));
            return new Done(t.id(), "MATCHED", posted.postingId(), posted.onAccount(), null);
        });
    }

    public Done credit(long transactionId, String customerNo, String user, String why) {
        return tx.execute(s -> {
            openIncoming(find(transactionId, false));
            long customerId = jdbc.sql("SELECT id FROM customer WHERE customer_no = ?").param(customerNo).query(Long.class)
                    .optional().orElseThrow(() -> new RejectedInputException("customer " + customerNo + ": not found"));
            journal.lockCustomer(customerId);
            Tx t = openIncoming(find(transactionId, true));
            LedgerJournal.Posted posted = post(t, customerId, List.of());
            mark(t.id(), "ON_ACCOUNT", customerId, posted.postingId(), "MANUAL_ON_ACCOUNT",
                    "put on the account of " + customerNo + " by " + user + (why == null ? "" : ": " + why));
            audit(user, "MATCH_ON_ACCOUNT", customerId, null, "bank transaction " + t.id() + " "
                    + t.amount().toPlainString() + " " + t.currency() + " on account" + (why == null ? "" : "; why: " + why));
            return new Done(t.id(), "ON_ACCOUNT", posted.postingId(), posted.onAccount(), null);
        });
    }

    public Done ignore(long transactionId, String reason, String user) {
        if (reason == null || reason.isBlank()) {
            throw new RejectedInputException("ignoring a transaction needs --reason");
        }
        return tx.execute(s -> {
            Tx t = find(transactionId, true);
            if (!"OPEN".equals(t.status())) {
                throw new RejectedInputException("bank transaction " + transactionId + " is " + t.status() + ", not OPEN");
            }
            jdbc.sql("UPDATE bank_transaction SET match_status = 'IGNORED', ignored_reason = ? WHERE id = ?")
                    .params(truncate(reason, 500), t.id()).update();
            jdbc.sql("DELETE FROM match_suggestion WHERE transaction_id = ?").param(t.id()).update();
            audit(user, "MATCH_IGNORE", null, null, "bank transaction " + t.id() + " " + t.amount().toPlainString() + " "
                    + t.currency() + " ignored; why: " + reason);
            return new Done(t.id(), "IGNORED", 0, BigDecimal.ZERO, null);
        });
    }

    /**
     * Undoes what was done with a transaction, automatically or by a person, and gives it back to the work queue: a
     * MATCHED or ON_ACCOUNT payment's posting (and its write-off) is reversed, so its invoices are open again by what
     * it settled and a credit it left on account is gone (what the credit step used of it too); an IGNORED mark is
     * lifted. The transaction is OPEN again and stays with people: the matching job does not decide it again.
     * Returns and outgoing payments are the bank's, and are not undone here.
     */
    public Done undo(long transactionId, String reason, String user) {
        if (reason == null || reason.isBlank()) {
            throw new RejectedInputException("undoing a match needs --reason");
        }
        return tx.execute(s -> {
            Tx seen = find(transactionId, false);
            if (seen.customerId() != null) {
                journal.lockCustomer(seen.customerId());
            }
            Tx t = find(transactionId, true);
            if (!java.util.Objects.equals(t.customerId(), seen.customerId())) {
                throw new RejectedInputException("bank transaction " + transactionId + " changed while it was being "
                        + "undone (now " + t.status() + "); look at it again and retry");
            }
            String what;
            String note = null;
            Long customerId = t.customerId();
            switch (t.status()) {
                case "MATCHED", "ON_ACCOUNT" -> {
                    if (t.postingId() == null || customerId == null) {
                        throw new IllegalStateException("bank transaction " + t.id() + " is " + t.status()
                                + " without a posting or customer");
                    }
                    long reversal = reversals.reversePayment(t.postingId(), "undo:bank-tx:" + t.id() + "/" + (t.round() + 1),
                            LocalDate.now(clock), "Match undone by " + truncate(user, 100), MatchWriter.SOURCE + "-manual");
                    what = t.status() + " (posting " + t.postingId() + ") undone by reversal posting " + reversal;
                    BigDecimal refunded = journal.refunded(t.postingId());
                    if (refunded.signum() != 0) {
                        note = refunded.toPlainString() + " " + t.currency() + " of this payment's money on account was "
                                + "refunded to the customer; the refund stays, so the customer owes it now";
                        what += "; " + note;
                    }
                }
                case "IGNORED" -> what = "IGNORED mark lifted";
                case "OPEN" -> throw new RejectedInputException("bank transaction " + transactionId
                        + " is OPEN: nothing to undo");
                default -> throw new RejectedInputException("bank transaction " + transactionId + " is " + t.status()
                        + ": the bank's return or outgoing payment is not undone by hand");
            }
            jdbc.sql("""
                    UPDATE bank_transaction SET match_status = 'OPEN', customer_id = NULL, posting_id = NULL,
                           match_rule = NULL, ignored_reason = NULL, match_evidence = ?, match_round = match_round + 1
                     WHERE id = ?""")
                    .params(truncate("undone by " + user + " on " + LocalDate.now(clock) + ": " + reason
                            + "; left to people", 500), t.id())
                    .update();
            audit(user, "MATCH_UNDO", customerId, null, "bank transaction " + t.id() + " " + t.amount().toPlainString()
                    + " " + t.currency() + ": " + what + "; why: " + reason);
            return new Done(t.id(), "OPEN", 0, BigDecimal.ZERO, note);
        });
    }

    private LedgerJournal.Posted post(Tx t, long customerId, List<Long> invoiceIds) {
        LocalDate date = t.bookingDate() != null ? t.bookingDate() : LocalDate.now(clock);
        String doc = t.reference() != null ? t.reference() : "bank-tx:" + t.id();
        return journal.postAndAllocate(new LedgerJournal.NewPosting(customerId, null, date, PostingType.PAYMENT,
                t.amount().negate(), t.currency(), truncate(doc, 60),
                "Payment" + (t.payerName() == null ? "" : " " + t.payerName()), MatchWriter.SOURCE + "-manual",
                t.postingKey()), invoiceIds);
    }

    private void mark(long id, String status, long customerId, long postingId, String rule, String evidence) {
        jdbc.sql("""
                UPDATE bank_transaction SET match_status = ?, customer_id = ?, posting_id = ?, match_rule = ?,
                       match_evidence = ? WHERE id = ?""")
                .params(status, customerId, postingId, rule, truncate(evidence, 500), id).update();
        jdbc.sql("DELETE FROM match_suggestion WHERE transaction_id = ?").param(id).update();
    }

    private Tx openIncoming(Tx t) {
        long id = t.id();
        if (!"OPEN".equals(t.status())) {
            throw new RejectedInputException("bank transaction " + id + " is " + t.status() + ", not OPEN");
        }
        if (t.amount().signum() <= 0) {
            throw new RejectedInputException("bank transaction " + id + " is not an incoming payment ("
                    + t.amount().toPlainString() + ")");
        }
        if (t.amount().scale() > Money.scale(t.currency())) {
            throw new RejectedInputException("bank transaction " + id + ": " + t.amount().toPlainString() + " "
                    + t.currency() + " has fractions of a minor unit and cannot be posted to the ledger; ask the bank "
                    + "for a corrected statement, or ignore it with a reason");
        }
        return t;
    }

    /**
     * The transaction, locked or as last committed. An action that takes a customer's lock reads it unlocked first,
     * takes the lock, and then reads it again locked: the matching job locks the customer before the transaction's
     * row, and the same order here keeps a person's action and a running job from deadlocking.
     */
    private Tx find(long id, boolean lock) {
        return jdbc.sql("SELECT id, amount, currency, booking_date, match_status, reference, payer_name, customer_id, "
                        + "posting_id, match_round FROM bank_transaction WHERE id = ?" + (lock ? " FOR UPDATE" : ""))
                .param(id)
                .query((rs, i) -> new Tx(rs.getLong(1), Money.atScaleIfExact(rs.getBigDecimal(2), rs.getString(3)),
                        rs.getString(3), rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getObject(8, Long.class), rs.getObject(9, Long.class),
                        rs.getInt(10)))
                .optional().orElseThrow(() -> new RejectedInputException("bank transaction " + id + ": not found"));
    }

    private void audit(String user, String action, Long customerId, Long invoiceId, String details) {
        auditLog.record(truncate(user, 100), action, customerId, invoiceId, truncate(details, 2000));
    }
}
