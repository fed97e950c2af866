package org.reskontro.matching.jdbc;

import static org.reskontro.common.Texts.truncate;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.reskontro.common.Money;
import org.reskontro.common.RejectedInputException;
import org.reskontro.ledger.PostingType;
import org.reskontro.ledger.jdbc.AuditLog;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pays money on account back to the customer: a person has sent the refund from the bank, and records it here so
 * that the credit step cannot use the same money again on the customer's next invoice. The refund takes the
 * customer's credits in its currency oldest first, and books one REFUND posting for each credit it takes, naming
 * the payment or credit note posting whose credit it pays back ({@code reverses_id}) and carrying the payout's reference as its
 * document number. A refund larger than the money on account is refused, and so is a second refund with the same
 * reference for the same customer: running the command again pays nothing twice. It runs in one transaction
 * under the customer's lock and is journaled in {@code audit_log} as REFUND with who and why.
 */
public class Refunds {

    /** The longest payout reference: an ISO 20022 end-to-end id or a payment order number. */
    static final int MAX_REFERENCE = 35;

    private final JdbcClient jdbc;
    private final LedgerJournal journal;
    private final Credits credits;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog auditLog;

    public Refunds(JdbcClient jdbc, LedgerJournal journal, Credits credits, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.credits = credits;
        this.tx = tx;
        this.clock = clock;
        this.auditLog = new AuditLog(jdbc, clock);
    }

    /**
     * What to refund: {@code currency} null means the customer's own; {@code date} null means today. With
     * {@code transactionId}, the payout as the bank statement shows it (an outgoing transaction): the amount,
     * currency, date and reference default to the transaction's, and the transaction is marked as this refund.
     */
    public record Request(String customerNo, String amount, String currency, String reference, LocalDate date,
                          String user, String reason, Long transactionId) {

        public Request(String customerNo, String amount, String currency, String reference, LocalDate date, String user,
                       String reason) {
            this(customerNo, amount, currency, reference, date, user, reason, null);
        }
    }

    /** One credit the refund took. */
    public record Taken(long creditPostingId, String credit, long refundPostingId, BigDecimal amount) {
    }

    /** What a refund booked, and what the customer still has on account in that currency. */
    public record Refunded(String customerNo, String currency, BigDecimal amount, LocalDate date, String reference,
                           List<Taken> taken, BigDecimal leftOnAccount, Long transactionId) {
    }

    private record Customer(long id, String name, String currency) {
    }

    /** The payout in the bank statement. */
    private record Payout(long id, BigDecimal amount, String currency, LocalDate bookingDate, String status, String rule,
                          String reference, boolean reversal) {
    }

    public Refunded refund(Request r) {
        if (r.reason() == null || r.reason().isBlank()) {
            throw new RejectedInputException("a refund needs --reason");
        }
        return tx.execute(s -> {
            Customer c = jdbc.sql("SELECT id, name, currency FROM customer WHERE customer_no = ?").param(r.customerNo())
                    .query((rs, i) -> new Customer(rs.getLong(1), rs.getString(2), rs.getString(3))).optional()
                    .orElseThrow(() -> new RejectedInputException("customer " + r.customerNo() + ": not found"));
            // the customer's lock before the payout's row, in the order the matching job takes them
            journal.lockCustomer(c.id());
            Payout payout = r.transactionId() == null ? null : payout(r.transactionId());
            String currency = r.currency() != null ? r.currency().strip().toUpperCase(java.util.Locale.ROOT)
                    : payout != null ? payout.currency() : c.currency();
            if (r.amount() == null && payout == null) {
                throw new RejectedInputException("a refund needs its AMOUNT, or --transaction: the payout in the bank "
                        + "statement");
            }
            BigDecimal amount = r.amount() != null ? amount(r.amount(), currency) : payout.amount().negate();
            String reference = r.reference() != null && !r.reference().isBlank() ? r.reference().strip()
                    : payout != null ? payout.reference() : null;
            LocalDate date = r.date() != null ? r.date() : payout != null ? payout.bookingDate() : LocalDate.now(clock);
            if (payout != null && (!payout.currency().equals(currency) || payout.amount().negate().compareTo(amount) != 0)) {
                throw new RejectedInputException("bank transaction " + payout.id() + " paid out "
                        + Money.plain(payout.amount().negate()) + " " + payout.currency() + ", not " + Money.plain(amount)
                        + " " + currency);
            }
            if (reference == null) {
                throw new RejectedInputException("a refund needs --reference: the payout's reference (payment order or "
                        + "bank reference), which keeps the same refund from being booked twice");
            }
            if (reference.length() > MAX_REFERENCE) {
                throw new RejectedInputException("refund reference '" + reference + "' is longer than " + MAX_REFERENCE
                        + " characters");
            }
            jdbc.sql("SELECT id, posting_date FROM posting WHERE customer_id = ? AND type = 'REFUND' AND document_no = ?")
                    .params(c.id(), reference)
                    .query((rs, i) -> "posting " + rs.getLong(1) + " on " + rs.getDate(2))
                    .list().stream().findFirst().ifPresent(done -> {
                        throw new RejectedInputException("refund " + reference + " to customer " + r.customerNo()
                                + " is already booked (" + done + "); nothing was booked again");
                    });
            List<Credits.OpenCredit> open = credits.openOf(c.id()).stream()
                    .filter(o -> o.currency().equals(currency)).toList();
            BigDecimal onAccount = open.stream().map(Credits.OpenCredit::left).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (amount.compareTo(onAccount) > 0) {
                throw new RejectedInputException("customer " + r.customerNo() + " has " + Money.plain(onAccount) + " "
                        + currency + " on account, less than the refund of " + Money.plain(amount) + " " + currency);
            }
            List<Taken> taken = new ArrayList<>();
            BigDecimal left = amount;
            for (Credits.OpenCredit o : open) {
                if (left.signum() == 0) {
                    break;
                }
                BigDecimal take = left.min(o.left());
                long id = book(c, o.postingId(), take, currency, reference, date, r.user(), r.reason());
                credits.markCreditNote(o.postingId());
                taken.add(new Taken(o.postingId(), o.describe(), id, take));
                left = left.subtract(take);
            }
            String what = "refund " + reference + " of " + Money.plain(amount) + " " + currency + " to customer "
                    + r.customerNo() + " on " + date;
            if (payout != null) {
                jdbc.sql("""
                        UPDATE bank_transaction SET match_status = 'OUTGOING', customer_id = ?, match_rule = ?,
                               match_evidence = ? WHERE id = ?""")
                        .params(c.id(), RULE, truncate(what + ", booked by " + r.user() + " (refund posting(s) "
                                + taken.stream().map(t -> String.valueOf(t.refundPostingId())).toList() + ")", 500),
                                payout.id())
                        .update();
                jdbc.sql("DELETE FROM match_suggestion WHERE transaction_id = ?").param(payout.id()).update();
            }
            auditLog.record(truncate(r.user(), 100), "REFUND", c.id(), null, truncate(what + " from the credit of "
                    + taken.stream().map(t -> t.credit() + " (" + Money.plain(t.amount()) + ")").toList()
                    + (payout == null ? "" : "; paid out as bank transaction " + payout.id())
                    + "; why: " + r.reason(), 2000));
            return new Refunded(r.customerNo(), currency, amount, date, reference, taken, onAccount.subtract(amount),
                    payout == null ? null : payout.id());
        });
    }

    /** The match rule of an outgoing transaction that is a refund's payout. */
    static final String RULE = "MANUAL_REFUND";

    private Payout payout(long id) {
        Payout p = jdbc.sql("""
                        SELECT id, amount, currency, booking_date, match_status, match_rule, end_to_end_id, bank_reference,
                               reference, reversal
                          FROM bank_transaction WHERE id = ? FOR UPDATE""")
                .param(id)
                .query((rs, i) -> new Payout(rs.getLong(1), Money.atScaleIfExact(rs.getBigDecimal(2), rs.getString(3)),
                        rs.getString(3),
                        rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), rs.getString(5), rs.getString(6),
                        firstReference(id, rs.getString(7), rs.getString(8), rs.getString(9)), rs.getBoolean(10)))
                .optional().orElseThrow(() -> new RejectedInputException("bank transaction " + id + ": not found"));
        if (RULE.equals(p.rule())) {
            throw new RejectedInputException("bank transaction " + id + " is already the payout of a refund");
        }
        if (p.amount().signum() >= 0 || p.reversal() || !("OUTGOING".equals(p.status()) || "OPEN".equals(p.status()))) {
            throw new RejectedInputException("bank transaction " + id + " (" + p.status() + ", "
                    + Money.plain(p.amount()) + " " + p.currency() + ") is no outgoing payment that could be a refund");
        }
        if (p.amount().scale() > Money.scale(p.currency())) {
            throw new RejectedInputException("bank transaction " + id + ": " + Money.plain(p.amount()) + " "
                    + p.currency() + " has fractions of a minor unit");
        }
        return p;
    }

    /** The payout's own reference: its end-to-end id, the bank's reference, or its reference, cut to the column. */
    private static String firstReference(long id, String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank() && !"NOTPROVIDED".equalsIgnoreCase(c.strip())) {
                return truncate(c.strip(), MAX_REFERENCE);
            }
        }
        return "bank-tx:" + id;
    }

    private long book(Customer c, long creditPostingId, BigDecimal amount, String currency, String reference,
                      LocalDate date, String user, String reason) {
        String key = "refund:" + c.id() + ":" + reference + "/" + creditPostingId;
        jdbc.sql("""
                INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, document_no, text,
                                     source, idem_key, reverses_id)
                VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.id(), Date.valueOf(date), PostingType.REFUND.name(), amount, currency, reference,
                        truncate("Refund to " + c.name() + " by " + user + ": " + reason, 200),
                        MatchWriter.SOURCE + "-manual", key, creditPostingId)
                .update();
        return journal.findPosting(key).orElseThrow();
    }

    private static BigDecimal amount(String text, String currency) {
        BigDecimal amount;
        try {
            amount = Money.parse(text, currency);
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException("refund amount: " + e.getMessage());
        }
        if (amount.signum() <= 0) {
            throw new RejectedInputException("refund amount " + text + " is not positive");
        }
        return amount;
    }
}
