package org.reskontro.matching.jdbc;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The general-ledger journal of what reskontro itself books in the customer ledger, as CSV: a payment debits the bank
 * account and credits customer receivables; a reversal, and a refund of money on account, the other way round; a
 * write-off debits the loss account and credits receivables, and its reversal takes the loss back; a reminder fee
 * (or compensation) and late-payment interest charged by dunning debit receivables and credit the fee and interest
 * income accounts. Invoices, credit notes and opening balances come from the invoicing system, whose own journal
 * already has them, so they are not exported.
 */
public class JournalExport {

    public static final String HEADER = "date,voucher,debit_account,credit_account,amount,currency,customer_no,type,text";

    /** The general-ledger accounts the lines are booked to. */
    public record Accounts(String bank, String receivables, String writeOff, String feeIncome, String interestIncome) {
    }

    private final JdbcClient jdbc;
    private final Accounts accounts;

    public JournalExport(JdbcClient jdbc, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    /** Writes the lines for postings dated from..to (inclusive); returns how many. */
    public int export(LocalDate from, LocalDate to, Writer out) throws IOException {
        return write("p.posting_date BETWEEN ? AND ?", "p.posting_date, p.id", out, Date.valueOf(from), Date.valueOf(to));
    }

    /**
     * Writes the lines for postings with {@code afterId < id <= upToId}, whatever their dates, in the order they were
     * booked; returns how many. A batch of {@link JournalBatches}.
     */
    public int exportRange(long afterId, long upToId, Writer out) throws IOException {
        return write("p.id > ? AND p.id <= ?", "p.id", out, afterId, upToId);
    }

    private int write(String range, String order, Writer out, Object... params) throws IOException {
        out.write(HEADER + "\n");
        int[] n = {0};
        IOException[] failed = {null};
        jdbc.sql("""
                SELECT p.posting_date, p.id, p.type, p.amount, p.currency, c.customer_no, p.text, o.type
                  FROM posting p JOIN customer c ON c.id = p.customer_id
                  LEFT JOIN posting o ON o.id = p.reverses_id
                 WHERE %s
                   AND ((p.source LIKE 'matching%%' AND p.type IN ('PAYMENT', 'REVERSAL', 'WRITE_OFF', 'REFUND'))
                        OR (p.source = 'dunning' AND p.type IN ('FEE', 'INTEREST')))
                 ORDER BY %s""".formatted(range, order))
                .params(params)
                .withFetchSize(1000)
                .query(rs -> {
                    if (failed[0] != null) {
                        return;
                    }
                    String type = rs.getString(3);
                    BigDecimal amount = rs.getBigDecimal(4);
                    String[] accountsOf = accountsOf(type, rs.getString(8), amount);
                    try {
                        out.write(String.join(",", rs.getDate(1).toLocalDate().toString(), "P" + rs.getLong(2),
                                accountsOf[0], accountsOf[1], amount.abs().toPlainString(), rs.getString(5),
                                csv(rs.getString(6)), type, csv(rs.getString(7))) + "\n");
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

    /** Debit and credit account of a line. */
    private String[] accountsOf(String type, String reversedType, BigDecimal amount) {
        String counter = switch (type) {
            case "WRITE_OFF" -> accounts.writeOff();
            case "FEE" -> accounts.feeIncome();
            case "INTEREST" -> accounts.interestIncome();
            // the reversal of a write-off takes the loss back: no money moves
            case "REVERSAL" -> "WRITE_OFF".equals(reversedType) ? accounts.writeOff() : accounts.bank();
            default -> accounts.bank();
        };
        // a negative amount lowers what the customer owes: credit receivables
        return amount.signum() < 0 ? new String[] {counter, accounts.receivables()}
                : new String[] {accounts.receivables(), counter};
    }

    private static String csv(String s) {
        return org.reskontro.common.Texts.csvText(s);
    }
}
