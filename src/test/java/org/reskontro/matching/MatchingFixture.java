package org.reskontro.matching;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;

import org.reskontro.common.CheckDigits;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes customers, invoices (with their INVOICE postings) and bank transactions for matching tests, by JDBC. */
public final class MatchingFixture {

    private final JdbcClient jdbc;
    private long txSeq;

    public MatchingFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
        jdbc.sql("INSERT INTO bank_file (sha256, file_name, format, status) VALUES (?, 'test.xml', 'CAMT053', 'IMPORTED')")
                .param("f".repeat(64)).update();
        long file = jdbc.sql("SELECT MAX(id) FROM bank_file").query(Long.class).single();
        jdbc.sql("INSERT INTO bank_statement (bank_file_id, statement_key, format, currency) VALUES (?, 'stmt', 'CAMT053', 'NOK')")
                .param(file).update();
    }

    public static String kid(String base) {
        return base + CheckDigits.mod10(base);
    }

    public long customer(String no, String name, String orgNo) {
        jdbc.sql("""
                INSERT INTO customer (customer_no, name, org_no, country, currency, language, customer_type)
                VALUES (?, ?, ?, 'NO', 'NOK', 'nb', 'BUSINESS')""").params(no, name, orgNo).update();
        return jdbc.sql("SELECT id FROM customer WHERE customer_no = ?").param(no).query(Long.class).single();
    }

    public long invoice(long customerId, String no, String reference, String amount) {
        BigDecimal a = new BigDecimal(amount);
        jdbc.sql("""
                INSERT INTO invoice (invoice_no, customer_id, type, issue_date, due_date, currency, amount, reference, status,
                                     principal_open)
                VALUES (?, ?, 'INVOICE', ?, ?, 'NOK', ?, ?, 'OPEN', ?)""")
                .params(no, customerId, Date.valueOf("2024-03-01"), Date.valueOf("2024-03-15"), a, reference, a).update();
        long id = jdbc.sql("SELECT id FROM invoice WHERE invoice_no = ?").param(no).query(Long.class).single();
        jdbc.sql("""
                INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, document_no, source, idem_key)
                VALUES (?, ?, ?, 'INVOICE', ?, 'NOK', ?, 'test', ?)""")
                .params(customerId, id, Date.valueOf("2024-03-01"), a, no, "doc:" + no).update();
        return id;
    }

    /** A credit note naming no invoice, as the ledger import books it: its whole credit on the customer's account. */
    public long creditNote(long customerId, String no, String amount) {
        BigDecimal a = new BigDecimal(amount);
        jdbc.sql("""
                INSERT INTO invoice (invoice_no, customer_id, type, issue_date, due_date, currency, amount, status,
                                     principal_open)
                VALUES (?, ?, 'CREDIT_NOTE', ?, ?, 'NOK', ?, 'OPEN', 0)""")
                .params(no, customerId, Date.valueOf("2024-03-05"), Date.valueOf("2024-03-05"), a).update();
        long id = jdbc.sql("SELECT id FROM invoice WHERE invoice_no = ?").param(no).query(Long.class).single();
        jdbc.sql("""
                INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, document_no, source, idem_key)
                VALUES (?, ?, ?, 'CREDIT_NOTE', ?, 'NOK', ?, 'import', ?)""")
                .params(customerId, id, Date.valueOf("2024-03-05"), a.negate(), no, "doc:" + no).update();
        return id;
    }

    /** An incoming (positive) or outgoing (negative) transaction; returns its id. */
    public long tx(String amount, String reference, String payerName, String payerAccount, String text) {
        return tx(amount, reference, payerName, payerAccount, text, false, null);
    }

    long tx(String amount, String reference, String payerName, String payerAccount, String text, boolean reversal,
            String endToEndId) {
        long statement = jdbc.sql("SELECT MAX(id) FROM bank_statement").query(Long.class).single();
        String key = "tx-" + (++txSeq);
        jdbc.sql("""
                INSERT INTO bank_transaction (bank_statement_id, tx_key, amount, currency, booking_date, reference,
                                              reference_valid, end_to_end_id, payer_name, payer_account, text, reversal)
                VALUES (?, ?, ?, 'NOK', ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(statement, key, new BigDecimal(amount), Date.valueOf(LocalDate.of(2024, 4, 20)), reference,
                        reference != null && org.reskontro.ledger.PaymentReferences.isValid(reference), endToEndId,
                        payerName, payerAccount, text, reversal)
                .update();
        return jdbc.sql("SELECT id FROM bank_transaction WHERE tx_key = ?").param(key).query(Long.class).single();
    }

    /** A payment from this account matched to the customer before (so the account is known). */
    void history(long customerId, String account) {
        long id = tx("1.00", null, "history", account, "old payment");
        jdbc.sql("UPDATE bank_transaction SET match_status = 'MATCHED', customer_id = ? WHERE id = ?").params(customerId, id)
                .update();
    }

    public String status(long txId) {
        return jdbc.sql("SELECT match_status FROM bank_transaction WHERE id = ?").param(txId).query(String.class).single();
    }

    public String rule(long txId) {
        return jdbc.sql("SELECT match_rule FROM bank_transaction WHERE id = ?").param(txId).query(String.class).single();
    }

    public String evidence(long txId) {
        return jdbc.sql("SELECT match_evidence FROM bank_transaction WHERE id = ?").param(txId).query(String.class).single();
    }

    public String invoiceStatus(long invoiceId) {
        return jdbc.sql("SELECT status FROM invoice WHERE id = ?").param(invoiceId).query(String.class).single();
    }

    public BigDecimal open(long invoiceId) {
        return jdbc.sql("SELECT principal_open + fee_open + interest_open FROM invoice WHERE id = ?").param(invoiceId)
                .query(BigDecimal.class).single();
    }
}
