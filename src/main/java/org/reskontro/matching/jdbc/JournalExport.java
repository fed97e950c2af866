package org.reskontro.matching.jdbc;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The general-ledger journal of the bank matches as CSV: a payment debits the bank account and credits
 * customer receivables; a reversal, and a refund of money on account, the other way round; a write-off debits the
 * loss account and credits receivables, and its reversal takes the loss back.
 */
public class JournalExport {

    public static final String HEADER = "date,voucher,debit_account,credit_account,amount,currency,customer_no,type,text";

    private final JdbcClient jdbc;
    private final String bankAccount;
    private final String receivablesAccount;
    private final String writeOffAccount;

    public JournalExport(JdbcClient jdbc, String bankAccount, String receivablesAccount, String writeOffAccount) {
        this.jdbc = jdbc;
        this.bankAccount = bankAccount;
        this.receivablesAccount = receivablesAccount;
        this.writeOffAccount = writeOffAccount;
    }

    /** Writes the lines for postings dated from..to (inclusive); returns how many. */
    public int export(LocalDate from, LocalDate to, Writer out) throws IOException {
        out.write(HEADER + "\n");
        int[] n = {0};
        IOException[] failed = {null};
        jdbc.sql("""
                SELECT p.posting_date, p.id, p.type, p.amount, p.currency, c.customer_no, p.text, o.type
                  FROM posting p JOIN customer c ON c.id = p.customer_id
                  LEFT JOIN posting o ON o.id = p.reverses_id
                 WHERE p.posting_date BETWEEN ? AND ? AND p.source LIKE 'matching%'
                   AND p.type IN ('PAYMENT', 'REVERSAL', 'WRITE_OFF', 'REFUND')
                 ORDER BY p.posting_date, p.id""")
                .params(Date.valueOf(from), Date.valueOf(to))
                .query(rs -> {
                    if (failed[0] != null) {
                        return;
                    }
                    String type = rs.getString(3);
                    BigDecimal amount = rs.getBigDecimal(4);
                    String debit;
                    String credit;
                    if ("WRITE_OFF".equals(type)) {
                        debit = writeOffAccount;
                        credit = receivablesAccount;
                    } else if ("WRITE_OFF".equals(rs.getString(8))) {
                        // the reversal of a write-off: the loss is taken back, no money moves
                        debit = receivablesAccount;
                        credit = writeOffAccount;
                    } else if (amount.signum() < 0) {
                        debit = bankAccount;
                        credit = receivablesAccount;
                    } else {
                        debit = receivablesAccount;
                        credit = bankAccount;
                    }
                    try {
                        out.write(String.join(",", rs.getDate(1).toLocalDate().toString(), "P" + rs.getLong(2), debit,
                                credit, amount.abs().toPlainString(), rs.getString(5), csv(rs.getString(6)), type,
                                csv(rs.getString(7))) + "\n");
                        n[0]++;
                    } catch (IOException e) {
                        failed[0] = e;
                    }
                });
        if (failed[0] != null) {
            throw failed[0];
        }
        out.flush();
        return n[0];
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
