package org.reskontro.matching.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.reskontro.ledger.Allocation;
import org.reskontro.ledger.Component;
import org.reskontro.ledger.InvoiceStatus;
import org.reskontro.ledger.OpenItem;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.reskontro.matching.BankPayment;
import org.reskontro.matching.MatchIndex;
import org.reskontro.matching.OpenInvoice;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Undoes the payment a reversal or a return gives back. The journal stays append-only: a REVERSAL posting of the
 * opposite amount (pointing at the payment posting by {@code reverses_id}), negative allocations mirroring the
 * payment's (and its write-off's), and the invoices re-opened by exactly what the payment settled.
 */
public class Reversals {

    private final JdbcClient jdbc;
    private final LedgerJournal journal;

    public Reversals(JdbcClient jdbc, LedgerJournal journal) {
        this.jdbc = jdbc;
        this.journal = journal;
    }

    private record Original(long txId, long postingId, long customerId) {
    }

    private record Alloc(long id, long invoiceId, Component component, BigDecimal amount) {
    }

    /** Reverses the earlier payment this debit returns; false (and left open) when none is found. */
    public boolean reverse(BankPayment p, LocalDate businessDate, MatchIndex idx) {
        Optional<Original> original = findOriginal(p);
        if (original.isEmpty()) {
            jdbc.sql("UPDATE bank_transaction SET match_evidence = ? WHERE id = ? AND match_status = 'OPEN'")
                    .params("a reversal, but no matched payment of " + p.amount().negate().toPlainString()
                            + " with the same end-to-end id, bank reference, reference or account was found", p.id())
                    .update();
            return false;
        }
        Original o = original.get();
        journal.lockCustomer(o.customerId());
        LocalDate date = p.bookingDate() != null ? p.bookingDate() : businessDate;
        long reversalId = reversePayment(o.postingId(), "bank-tx:" + p.id(), date,
                "Reversal of a payment returned by the bank", MatchWriter.SOURCE);
        jdbc.sql("UPDATE bank_transaction SET match_status = 'REVERSED', match_evidence = ? WHERE id = ?")
                .params("reversed by bank transaction " + p.id(), o.txId()).update();
        jdbc.sql("""
                UPDATE bank_transaction SET match_status = 'REVERSED', customer_id = ?, posting_id = ?, match_rule = 'REVERSAL',
                       match_evidence = ? WHERE id = ?""")
                .params(o.customerId(), reversalId, "reverses bank transaction " + o.txId() + " (posting " + o.postingId() + ")",
                        p.id())
                .update();
        refreshIndex(o.postingId(), idx);
        return true;
    }

    /**
     * Reverses payment posting {@code postingId} and its write-off, if it had one, as REVERSAL postings keyed
     * {@code key} (and {@code key/write-off}) on {@code date}: negative allocations mirror every allocation of the
     * payment (the credit step's too), and the invoices are re-opened by what it settled. The caller holds the
     * customer's lock. A reversal already posted under {@code key} is not posted again.
     */
    public long reversePayment(long postingId, String key, LocalDate date, String text, String source) {
        long reversalId = reversePosting(postingId, key, date, text, source);
        String paymentKey = jdbc.sql("SELECT idem_key FROM posting WHERE id = ?").param(postingId)
                .query(String.class).single();
        jdbc.sql("SELECT id FROM posting WHERE idem_key = ?").param(paymentKey + "/write-off").query(Long.class)
                .optional().ifPresent(wo -> reversePosting(wo, key + "/write-off", date, text, source));
        return reversalId;
    }

    private long reversePosting(long postingId, String key, LocalDate date, String text, String source) {
        Optional<Long> done = journal.findPosting(key);
        if (done.isPresent()) {
            return done.get();
        }
        jdbc.sql("""
                INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, document_no, text,
                                     source, idem_key, reverses_id)
                SELECT customer_id, invoice_id, ?, 'REVERSAL', -amount, currency, document_no, ?, ?, ?, id
                  FROM posting WHERE id = ?""")
                .params(Date.valueOf(date), text, source, key, postingId)
                .update();
        long reversalId = journal.findPosting(key).orElseThrow();
        List<Alloc> allocs = jdbc.sql("SELECT id, invoice_id, component, amount FROM allocation WHERE posting_id = ? ORDER BY id")
                .param(postingId)
                .query((rs, i) -> new Alloc(rs.getLong(1), rs.getLong(2), Component.valueOf(rs.getString(3)), rs.getBigDecimal(4)))
                .list();
        for (Alloc a : allocs) {
            LedgerJournal.InvoiceRow inv = journal.lockInvoice(a.invoiceId());
            jdbc.sql("""
                    INSERT INTO allocation (posting_id, invoice_id, component, amount, allocation_date, source, idem_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(reversalId, a.invoiceId(), a.component().name(), a.amount().negate(), Date.valueOf(date),
                            source, key + "/r" + a.id())
                    .update();
            OpenItem after = inv.open().minus(a.component(), a.amount().negate());
            InvoiceStatus status = inv.status() == InvoiceStatus.IN_COLLECTION ? InvoiceStatus.IN_COLLECTION
                    : Allocation.statusOf(inv.type(), inv.amount(), after, false);
            jdbc.sql("UPDATE invoice SET fee_open = ?, interest_open = ?, principal_open = ?, status = ? WHERE id = ?")
                    .params(after.fee(), after.interest(), after.principal(), status.name(), inv.id())
                    .update();
        }
        return reversalId;
    }

    private void refreshIndex(long postingId, MatchIndex idx) {
        List<Long> invoices = jdbc.sql("SELECT DISTINCT invoice_id FROM allocation WHERE posting_id = ?").param(postingId)
                .query(Long.class).list();
        for (Long id : invoices) {
            LedgerJournal.InvoiceRow row = journal.lockInvoice(id);
            OpenInvoice indexed = idx.invoice(id);
            if (indexed != null) {
                indexed.setOpen(row.open());
            } else {
                jdbc.sql("SELECT customer_id, invoice_no, reference, currency, due_date FROM invoice WHERE id = ?").param(id)
                        .query(rs -> {
                            idx.addInvoice(new OpenInvoice(id, rs.getLong(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4), rs.getDate(5).toLocalDate(), row.open()));
                        });
            }
        }
    }

    private Optional<Original> findOriginal(BankPayment p) {
        BigDecimal amount = p.amount().negate();
        for (String column : new String[] {"end_to_end_id", "bank_reference", "reference", "payer_account"}) {
            String value = switch (column) {
                case "end_to_end_id" -> p.endToEndId();
                case "bank_reference" -> p.bankReference();
                case "reference" -> p.reference();
                default -> p.payerAccount();
            };
            if (value == null || value.isBlank()) {
                continue;
            }
            Optional<Original> o = jdbc.sql("SELECT id, posting_id, customer_id FROM bank_transaction WHERE " + column
                            + " = ? AND amount = ? AND currency = ? AND match_status IN ('MATCHED', 'ON_ACCOUNT') "
                            + "AND posting_id IS NOT NULL AND id <> ? ORDER BY id DESC")
                    .params(value, amount, p.currency(), p.id())
                    .query((rs, i) -> new Original(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                    .stream().findFirst();
            if (o.isPresent()) {
                return o;
            }
        }
        return Optional.empty();
    }
}
