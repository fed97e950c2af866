package org.reskontro.operations.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.reskontro.common.RejectedInputException;
import org.reskontro.ledger.jdbc.AuditLog;
import org.reskontro.operations.Json;
import org.reskontro.operations.Retention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's data (GDPR art. 15 and 17): the export of everything held about a customer, and the erasure
 * (anonymisation) of its personal data once it owes nothing and the bookkeeping retention period has passed. The
 * postings stay whole: amounts, dates, types and idempotency keys are never changed.
 */
public class PersonalData {

    static final String ERASED = "(erased)";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Retention retention;
    private final Clock clock;
    private final AuditLog auditLog;

    public PersonalData(JdbcClient jdbc, TransactionTemplate tx, Retention retention, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.retention = retention;
        this.clock = clock;
        this.auditLog = new AuditLog(jdbc, clock);
    }

    /** What an erasure changed. */
    public record Erased(String customerNo, LocalDate keptUntil, int transactions, int letters) {
    }

    /** Everything held about the customer, as JSON. Audited. */
    public String export(String customerNo, String actor) {
        long id = customerId(customerNo);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customer", rows("SELECT * FROM customer WHERE id = ?", id).get(0));
        out.put("invoices", rows("SELECT * FROM invoice WHERE customer_id = ? ORDER BY id", id));
        out.put("postings", rows("SELECT * FROM posting WHERE customer_id = ? ORDER BY id", id));
        out.put("allocations", rows("""
                SELECT a.* FROM allocation a JOIN posting p ON p.id = a.posting_id
                 WHERE p.customer_id = ? ORDER BY a.id""", id));
        out.put("bankTransactions", rows("""
                SELECT t.* FROM bank_transaction t
                 WHERE t.customer_id = ? OR t.posting_id IN (SELECT id FROM posting WHERE customer_id = ?)
                 ORDER BY t.id""", id, id));
        out.put("letters", rows("""
                SELECT id, idem_key, kind, level, business_date, language, channel, recipient, subject, status,
                       attempts, last_error, message_id, sent_at, created_at
                  FROM letter WHERE customer_id = ? ORDER BY id""", id));
        out.put("dunningHistory", rows("SELECT * FROM dunning_history WHERE customer_id = ? ORDER BY id", id));
        out.put("audit", rows("SELECT * FROM audit_log WHERE customer_id = ? ORDER BY id", id));
        audit(id, actor, "PRIVACY_EXPORT", "export of the personal data held about the customer");
        return Json.write(out);
    }

    /**
     * Anonymises the customer's personal data on {@code date}, or refuses with a {@link RejectedInputException}
     * saying why (unknown, already erased, money still open, retention period not over).
     */
    public Erased erase(String customerNo, LocalDate date, String actor) {
        return tx.execute(s -> {
            long id = customerId(customerNo);
            Map<String, Object> c = jdbc.sql("SELECT country, anonymised_at FROM customer WHERE id = ? FOR UPDATE")
                    .param(id).query().singleRow();
            if (c.get("anonymised_at") != null) {
                throw refuse(customerNo, "its personal data was erased before (" + c.get("anonymised_at") + ")");
            }
            BigDecimal open = jdbc.sql("""
                    SELECT COALESCE(SUM(principal_open + fee_open + interest_open), 0) FROM invoice
                     WHERE customer_id = ? AND type <> 'CREDIT_NOTE'""").param(id).query(BigDecimal.class).single();
            if (open.signum() != 0) {
                throw refuse(customerNo, "it has open items of " + open.toPlainString());
            }
            BigDecimal unallocated = jdbc.sql("""
                    SELECT COALESCE(SUM(-p.amount - COALESCE((SELECT SUM(a.amount) FROM allocation a
                                                              WHERE a.posting_id = p.id), 0)), 0)
                      FROM posting p WHERE p.customer_id = ? AND (p.amount < 0 OR p.reverses_id IS NOT NULL)""")
                    .param(id).query(BigDecimal.class).single();
            if (unallocated.signum() != 0) {
                throw refuse(customerNo, "it has " + unallocated.toPlainString() + " on account (to allocate or pay back)");
            }
            long unsent = jdbc.sql("SELECT COUNT(*) FROM letter WHERE customer_id = ? AND status IN ('PENDING', 'SENDING')")
                    .param(id).query(Long.class).single();
            if (unsent > 0) {
                throw refuse(customerNo, unsent + " letter(s) are not sent yet");
            }
            String country = String.valueOf(c.get("country"));
            Date last = jdbc.sql("SELECT MAX(posting_date) FROM posting WHERE customer_id = ?").param(id)
                    .query(Date.class).optional().orElse(null);
            LocalDate lastPosting = last == null ? null : last.toLocalDate();
            String why = retention.refusal(country, lastPosting, date);
            if (why != null) {
                throw refuse(customerNo, why);
            }
            // names as they appear in free text: the customer's and the payers' of its transactions
            List<String> names = new ArrayList<>(jdbc.sql("""
                    SELECT DISTINCT payer_name FROM bank_transaction
                     WHERE payer_name IS NOT NULL
                       AND (customer_id = ? OR posting_id IN (SELECT id FROM posting WHERE customer_id = ?))""")
                    .params(id, id).query(String.class).list());
            names.add(jdbc.sql("SELECT name FROM customer WHERE id = ?").param(id).query(String.class).single());
            int texts = eraseNamesInPostingTexts(id, names);
            jdbc.sql("""
                    UPDATE customer SET name = ?, org_no = NULL, email = NULL, address = NULL, postal_code = NULL,
                           city = NULL, hold_reason = NULL, anonymised_at = ?
                     WHERE id = ?""")
                    .params("Anonymised customer " + customerNo, Timestamp.from(clock.instant()), id).update();
            int transactions = jdbc.sql("""
                    UPDATE bank_transaction SET payer_name = NULL, payer_account = NULL, text = NULL,
                           match_evidence = CASE WHEN match_evidence IS NULL THEN NULL ELSE ? END
                     WHERE customer_id = ? OR posting_id IN (SELECT id FROM posting WHERE customer_id = ?)""")
                    .params(ERASED, id, id).update();
            int letters = jdbc.sql("""
                    UPDATE letter SET recipient = NULL, body_text = ?, body_html = NULL, pdf = NULL, payload = NULL
                     WHERE customer_id = ?""").params(ERASED, id).update();
            LocalDate kept = lastPosting == null ? null : retention.keptUntil(country, lastPosting);
            audit(id, actor, "PRIVACY_ERASE", "personal data anonymised on " + date + " (records kept until " + kept
                    + "): customer name, address, e-mail and org number; payer details of " + transactions
                    + " bank transaction(s); " + letters + " letter(s); names in " + texts + " posting text(s). Posting "
                    + "amounts, dates, types, document numbers and keys unchanged.");
            return new Erased(customerNo, kept, transactions, letters);
        });
    }

    /** Replaces the names in the free text of the customer's postings; amounts, dates and keys stay as they are. */
    private int eraseNamesInPostingTexts(long customerId, List<String> names) {
        int n = 0;
        for (Map<String, Object> p : jdbc.sql("SELECT id, text FROM posting WHERE customer_id = ? AND text IS NOT NULL")
                .param(customerId).query().listOfRows()) {
            String text = String.valueOf(p.values().toArray()[1]);
            String erased = text;
            for (String name : names) {
                if (name != null && name.length() >= 3) {
                    erased = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(name),
                            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE)
                            .matcher(erased).replaceAll(ERASED);
                }
            }
            if (!erased.equals(text)) {
                jdbc.sql("UPDATE posting SET text = ? WHERE id = ?").params(erased, p.values().toArray()[0]).update();
                n++;
            }
        }
        return n;
    }

    private void audit(long customerId, String actor, String action, String details) {
        auditLog.record(actor, action, customerId, null, details);
    }

    private long customerId(String customerNo) {
        return jdbc.sql("SELECT id FROM customer WHERE customer_no = ?").param(customerNo).query(Long.class).optional()
                .orElseThrow(() -> new RejectedInputException("no customer with number " + customerNo));
    }

    private static RejectedInputException refuse(String customerNo, String why) {
        return new RejectedInputException("customer " + customerNo + ": personal data not erased: " + why);
    }

    private List<Map<String, Object>> rows(String sql, Object... params) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : jdbc.sql(sql).params(params).query().listOfRows()) {
            Map<String, Object> clean = new LinkedHashMap<>();
            row.forEach((k, v) -> clean.put(k.toLowerCase(java.util.Locale.ROOT), plain(v)));
            out.add(clean);
        }
        return out;
    }

    private static Object plain(Object v) {
        if (v instanceof java.sql.Clob || v instanceof java.sql.Blob) {
            return "(large object)";
        }
        if (v instanceof Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        return v;
    }
}
