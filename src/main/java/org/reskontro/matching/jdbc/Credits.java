package org.reskontro.matching.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.reskontro.ledger.PostingType;
import org.reskontro.ledger.jdbc.AuditLog;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.reskontro.matching.CreditPlan;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Money on account: the parts of payment postings that no invoice took (an overpayment, a payment put on account
 * by a person, a payment for invoices settled meanwhile), and the unused parts of credit notes (one that names no
 * invoice, or more than the invoice it names still owed). {@link #open()} lists them for refund ({@link Refunds}
 * books a refund);
 * {@link #applyAll(LocalDate)} uses them on the same customer's open invoices, oldest credit first and the
 * earliest due invoice first, each customer under its lock, up to {@value #CUSTOMERS_PER_TRANSACTION} customers per
 * transaction. A payment that the bank returned (reversed) is no credit. Invoices on hold (dispute) and claims in
 * collection are left alone.
 */
public class Credits {

    public static final String SOURCE = "credit";
    /**
     * Customers whose credits are used in one transaction (each under its lock, taken in customer order): a
     * transaction per customer cost about 7 ms more each (the credit step for the 3,731 customers with credit after a
     * 1,000,000-payment night: 56 s, 31 s with groups of 100).
     */
    static final int CUSTOMERS_PER_TRANSACTION = 100;

    /** What was refunded of payment posting {@code p}: its REFUND postings. */
    private static final String REFUNDED =
            "COALESCE((SELECT SUM(f.amount) FROM posting f WHERE f.reverses_id = p.id AND f.type = 'REFUND'), 0)";

    /**
     * Unallocated parts of payment postings that were not reversed, less what was refunded of them, oldest first per
     * customer. "Not reversed" is an anti-join (no reversal row r), not {@code NOT EXISTS}: MariaDB materialised that
     * subquery, every reversal posting of the ledger, for each customer's look-up (10 ms each; 0.4 ms as a join).
     */
    private static final String OPEN = """
            SELECT p.id, p.customer_id, c.customer_no, c.name, p.currency, p.posting_date, p.document_no,
                   -p.amount - COALESCE(SUM(a.amount), 0) - %1$s AS credit_left, p.type
              FROM %%s
              JOIN customer c ON c.id = p.customer_id
              LEFT JOIN posting r ON r.reverses_id = p.id AND r.type = 'REVERSAL'
              LEFT JOIN allocation a ON a.posting_id = p.id
             WHERE p.type IN ('PAYMENT', 'CREDIT_NOTE') AND p.amount < 0 AND r.id IS NULL
               %%s
             GROUP BY p.id, p.customer_id, c.customer_no, c.name, p.currency, p.posting_date, p.document_no, p.amount,
                      p.type
            HAVING -p.amount - COALESCE(SUM(a.amount), 0) - %1$s > 0
             ORDER BY p.customer_id, p.posting_date, p.id""".formatted(REFUNDED);

    private static final String ALL = "posting p";

    /**
     * The customers with open invoices drive the search, not the payments: the payment postings of every year
     * grow the journal night after night, the open invoices do not. As a filter on all payments ({@code EXISTS}) the
     * search read every payment posting of the ledger. On MariaDB after a 100,000-payment night: 1.42 s as a filter,
     * 0.59 s driven by the customers; after a 1,000,000-payment night (128 MB buffer pool): 8.7-13.5 s, 6.8-7.1 s.
     */
    private static final String WITH_OPEN_INVOICES = """
            (SELECT DISTINCT customer_id FROM invoice
              WHERE status IN ('OPEN', 'PARTIALLY_PAID') AND type <> 'CREDIT_NOTE') o
              JOIN posting p ON p.customer_id = o.customer_id""";

    private final JdbcClient jdbc;
    private final LedgerJournal journal;
    private final TransactionTemplate tx;
    private final AuditLog auditLog;

    public Credits(JdbcClient jdbc, LedgerJournal journal, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.tx = tx;
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.auditLog = new AuditLog(jdbc, clock);
    }

    /** A credit on a customer's account: what is left of a PAYMENT or a CREDIT_NOTE posting ({@code type}). */
    public record OpenCredit(long postingId, long customerId, String customerNo, String name, String currency,
                             LocalDate date, String document, BigDecimal left, String type) {

        /** How a person recognises it: the credit note's number, or the payment posting. */
        public String describe() {
            return "CREDIT_NOTE".equals(type) ? "credit note " + document
                    : "payment posting " + postingId + (document == null ? "" : ", " + document);
        }
    }

    /** What a run used: customers, allocations and the amount per currency. */
    public record Applied(int customers, int allocations, Map<String, BigDecimal> amounts) {
        @Override
        public String toString() {
            return allocations + " credit allocation(s) for " + customers + " customer(s)"
                    + (amounts.isEmpty() ? "" : " " + amounts);
        }
    }

    /** Every credit on account, for the refund list. */
    public List<OpenCredit> open() {
        return jdbc.sql(OPEN.formatted(ALL, "")).query((rs, i) -> openCredit(rs)).list();
    }

    /** The credits on the account of the customer with this number; every credit when it is null. */
    public List<OpenCredit> open(String customerNo) {
        if (customerNo == null) {
            return open();
        }
        return jdbc.sql(OPEN.formatted(ALL, "AND c.customer_no = :no")).param("no", customerNo)
                .query((rs, i) -> openCredit(rs)).list();
    }

    /** One customer's credits on account, oldest first. The caller holds the customer's lock if it uses them. */
    public List<OpenCredit> openOf(long customerId) {
        return jdbc.sql(OPEN.formatted(ALL, "AND p.customer_id = :customer")).param("customer", customerId)
                .query((rs, i) -> openCredit(rs)).list();
    }

    private static OpenCredit openCredit(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new OpenCredit(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getDate(6).toLocalDate(), rs.getString(7), rs.getBigDecimal(8), rs.getString(9));
    }

    private void creditNotesUsed(List<CreditPlan.Use> uses, Map<Long, OpenCredit> byPosting) {
        uses.stream().map(CreditPlan.Use::postingId).distinct().map(byPosting::get)
                .filter(c -> "CREDIT_NOTE".equals(c.type())).forEach(c -> markCreditNote(c.postingId()));
    }

    /**
     * After a use or a refund of credit note posting {@code postingId}'s credit: a credit note is OPEN while part of
     * its credit is unused and PAID once all of it is used (as the ledger import marks it); its own open item is
     * always zero. Does nothing for a payment posting.
     */
    void markCreditNote(long postingId) {
        int unused = journal.unallocated(postingId).subtract(journal.refunded(postingId)).signum();
        jdbc.sql("""
                UPDATE invoice SET status = CASE WHEN ? = 0 THEN 'PAID' ELSE 'OPEN' END
                 WHERE id = (SELECT invoice_id FROM posting WHERE id = ? AND type = 'CREDIT_NOTE') AND type = 'CREDIT_NOTE'""")
                .params(unused, postingId).update();
    }

    /** Uses the credits of every customer who also has open invoices; a rerun finds nothing left to do. */
    public Applied applyAll(LocalDate date) {
        List<Long> customers = jdbc.sql(OPEN.formatted(WITH_OPEN_INVOICES, "")).query((rs, i) -> rs.getLong(2)).list()
                .stream().distinct().toList();
        int touched = 0;
        int allocations = 0;
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        for (int from = 0; from < customers.size(); from += CUSTOMERS_PER_TRANSACTION) {
            List<Long> group = customers.subList(from, Math.min(customers.size(), from + CUSTOMERS_PER_TRANSACTION));
            List<List<CreditPlan.Use>> used = tx.execute(status -> group.stream().map(c -> applyOne(c, date)).toList());
            for (List<CreditPlan.Use> uses : used) {
                if (uses.isEmpty()) {
                    continue;
                }
                touched++;
                allocations += uses.size();
                uses.forEach(u -> amounts.merge(u.currency(), u.amount(), BigDecimal::add));
            }
        }
        return new Applied(touched, allocations, amounts);
    }

    private List<CreditPlan.Use> applyOne(long customerId, LocalDate date) {
        journal.lockCustomer(customerId);
        List<OpenCredit> open = openOf(customerId);
        Map<Long, OpenCredit> byPosting = new LinkedHashMap<>();
        open.forEach(c -> byPosting.put(c.postingId(), c));
        List<CreditPlan.Credit> credits = open.stream()
                .map(c -> new CreditPlan.Credit(c.postingId(), c.currency(), c.left())).toList();
        Map<Long, String> invoiceNos = new LinkedHashMap<>();
        List<CreditPlan.Debt> debts = jdbc.sql("""
                        SELECT id, currency, fee_open + interest_open + principal_open, invoice_no FROM invoice
                         WHERE customer_id = ? AND status IN ('OPEN', 'PARTIALLY_PAID') AND type <> 'CREDIT_NOTE'
                           AND (hold_reason IS NULL OR (hold_until IS NOT NULL AND hold_until < ?))
                         ORDER BY due_date, id""")
                .params(customerId, Date.valueOf(date))
                .query((rs, i) -> {
                    invoiceNos.put(rs.getLong(1), rs.getString(4));
                    return new CreditPlan.Debt(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3));
                }).list();
        List<CreditPlan.Use> uses = CreditPlan.plan(credits, debts);
        for (CreditPlan.Use u : uses) {
            int earlier = jdbc.sql("SELECT COUNT(*) FROM allocation WHERE posting_id = ?").param(u.postingId())
                    .query(Integer.class).single();
            String key = "credit:" + u.postingId() + "#" + earlier;
            OpenCredit credit = byPosting.get(u.postingId());
            boolean creditNote = "CREDIT_NOTE".equals(credit.type());
            journal.allocate(u.postingId(), u.invoiceId(), u.amount(), date, SOURCE, key,
                    creditNote ? PostingType.CREDIT_NOTE : PostingType.PAYMENT);
            auditLog.record("reskontro", "CREDIT_APPLIED", customerId, u.invoiceId(),
                    "credit " + u.amount().toPlainString() + " on account (" + credit.describe() + ") used on "
                            + invoiceNos.get(u.invoiceId()) + " on " + date);
        }
        creditNotesUsed(uses, byPosting);
        return uses;
    }
}
