package org.reskontro.bankfile.jdbc;

import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.reskontro.bankfile.BankStatement;
import org.reskontro.bankfile.BankTransaction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Stores bank files, statements and transactions (tables of V3), inside the caller's transaction. Transactions go
 * in JDBC batches; one already stored under the same {@code tx_key} (an overlapping file) is not inserted again.
 */
public class BankFileStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public BankFileStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A transaction to store with its key and whether its reference passes a check-digit scheme. */
    public record Row(long statementId, String txKey, BankTransaction tx, boolean referenceValid) {
    }

    /** The bank file stored with this content, if any: its id and name. */
    public Optional<String> fileBySha(String sha256) {
        return jdbc.sql("SELECT CONCAT(file_name, ' (bank file ', id, ')') FROM bank_file WHERE sha256 = ?")
                .param(sha256).query(String.class).optional();
    }

    /** The bank file that holds the statement with this key, if any. */
    public Optional<String> statementFile(String statementKey) {
        return jdbc.sql("""
                SELECT f.file_name FROM bank_statement s JOIN bank_file f ON f.id = s.bank_file_id
                 WHERE s.statement_key = ?""")
                .param(statementKey).query(String.class).optional();
    }

    /** The highest electronic sequence number stored for the account in this message type (camt.053/camt.054). */
    public Optional<Long> lastSequence(String account, String messageType) {
        return jdbc.sql("""
                SELECT MAX(sequence_no) FROM bank_statement WHERE account = ? AND format LIKE ?""")
                .params(account, messageType + ".%").query(Long.class).optional();
    }

    public long insertFile(String sha256, String fileName, String format, LocalDate businessDate, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO bank_file (sha256, file_name, format, status, business_date, imported_at)
                VALUES (?, ?, ?, 'IMPORTED', ?, ?)""")
                .params(sha256, truncate(fileName, 255), format, businessDate == null ? null : Date.valueOf(businessDate),
                        Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public long insertStatement(long fileId, BankStatement s) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO bank_statement (bank_file_id, statement_key, format, statement_id, account, currency,
                                            opening_balance, closing_balance, sequence_no, statement_date)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(fileId, s.key(), s.format(), truncate(s.id(), 100), truncate(s.account(), 50),
                        s.currency(), s.openingBalance(), s.closingBalance(), s.sequenceNo(),
                        s.statementDate() == null ? null : Date.valueOf(s.statementDate()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * Completes a statement stored before its end was read (its transactions came in more than one batch) with the
     * header fields a file may give only at the end: currency, balances, date.
     */
    public void updateStatement(long statementId, BankStatement s) {
        jdbc.sql("""
                UPDATE bank_statement SET currency = ?, opening_balance = ?, closing_balance = ?, statement_date = ?
                 WHERE id = ?""")
                .params(s.currency(), s.openingBalance(), s.closingBalance(),
                        s.statementDate() == null ? null : Date.valueOf(s.statementDate()), statementId)
                .update();
    }

    /**
     * Inserts a batch; rows whose key is stored already (an overlapping file) are left out. Returns how many were
     * left out.
     */
    public int insertTransactions(List<Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        String marks = String.join(",", java.util.Collections.nCopies(rows.size(), "?"));
        java.util.Set<String> stored = new java.util.HashSet<>(jdbc.sql(
                        "SELECT tx_key FROM bank_transaction WHERE tx_key IN (" + marks + ")")
                .params(rows.stream().map(Row::txKey).toList()).query(String.class).list());
        List<Row> fresh = stored.isEmpty() ? rows : rows.stream().filter(r -> !stored.contains(r.txKey())).toList();
        template.batchUpdate("""
                INSERT INTO bank_transaction (bank_statement_id, tx_key, amount, currency, booking_date, value_date,
                       reference, reference_valid, end_to_end_id, bank_reference, payer_name, payer_account, text,
                       reversal)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", fresh, Math.max(1, fresh.size()), (ps, r) -> {
            BankTransaction t = r.tx();
            ps.setLong(1, r.statementId());
            ps.setString(2, r.txKey());
            ps.setBigDecimal(3, t.amount());
            ps.setString(4, t.currency());
            setDate(ps, 5, t.bookingDate());
            setDate(ps, 6, t.valueDate());
            ps.setString(7, truncate(t.reference(), 64));
            ps.setBoolean(8, r.referenceValid());
            ps.setString(9, truncate(t.endToEndId(), 64));
            ps.setString(10, truncate(t.bankReference(), 64));
            ps.setString(11, truncate(t.payerName(), 140));
            ps.setString(12, truncate(t.payerAccount(), 50));
            ps.setString(13, truncate(t.text(), 500));
            ps.setBoolean(14, t.reversal());
        });
        return rows.size() - fresh.size();
    }

    /** Transactions stored for the file (so duplicates = read - stored). */
    public long storedTransactions(long fileId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM bank_transaction t JOIN bank_statement s ON s.id = t.bank_statement_id
                 WHERE s.bank_file_id = ?""").param(fileId).query(Long.class).single();
    }

    public void finishFile(long fileId, int statements, long transactions, long duplicates, String warnings) {
        jdbc.sql("UPDATE bank_file SET statements = ?, transactions = ?, duplicates = ?, warnings = ? WHERE id = ?")
                .params(statements, transactions, duplicates, truncate(warnings, 2000), fileId).update();
    }

    private static void setDate(java.sql.PreparedStatement ps, int i, LocalDate d) throws java.sql.SQLException {
        if (d == null) {
            ps.setNull(i, Types.DATE);
        } else {
            ps.setDate(i, Date.valueOf(d));
        }
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
