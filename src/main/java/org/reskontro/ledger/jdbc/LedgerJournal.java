package org.reskontro.ledger.jdbc;

import static org.reskontro.common.Texts.truncate;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.reskontro.ledger.Allocation;
import org.reskontro.ledger.Component;
import org.reskontro.ledger.InvoiceStatus;
import org.reskontro.ledger.InvoiceType;
import org.reskontro.ledger.OpenItem;
import org.reskontro.ledger.PostingType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Writes the append-only posting journal and allocations, and keeps each invoice's open-item projection
 * in step, all inside the caller's transaction. Every write carries an idempotency key: writing the same
 * key twice is a no-op, which is what makes imports, matching and dunning safe to rerun.
 */
public class LedgerJournal {

    private final JdbcClient jdbc;
    private final JdbcTemplate batchTemplate;

    public LedgerJournal(JdbcClient jdbc) {
        this(jdbc, null);
    }

    /** @param batch for the batched writes of {@link #chargeAll} (the same data source as {@code jdbc}) */
    public LedgerJournal(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batchTemplate = batch;
    }

    /** A posting to write. A positive amount increases what the customer owes. */
    public record NewPosting(long customerId, Long invoiceId, LocalDate date, PostingType type, BigDecimal amount,
                             String currency, String documentNo, String text, String source, String idemKey) {
    }

    /** What a payment posting did: its id, the parts allocated per invoice, and what is left on account. */
    public record Posted(long postingId, boolean alreadyPosted, List<Applied> applied, BigDecimal onAccount) {
    }

    /** One allocation written. */
    public record Applied(long invoiceId, Component component, BigDecimal amount) {
    }

    /**
     * Locks a customer's row for the rest of the transaction. Matching and dunning take this lock before they
     * touch a customer's items, so they never work on the same customer at the same time.
     */
    public void lockCustomer(long customerId) {
        jdbc.sql("SELECT id FROM customer WHERE id = ? FOR UPDATE").param(customerId).query(Long.class).single();
    }

    /**
     * Locks several customers' rows for the rest of the transaction, in id order (the order matching locks in,
     * so the two never deadlock).
     */
    public void lockCustomers(Collection<Long> customerIds) {
        List<Long> ids = new ArrayList<>(new TreeSet<>(customerIds));
        for (int from = 0; from < ids.size(); from += IN_LIMIT) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + IN_LIMIT));
            jdbc.sql("SELECT id FROM customer WHERE id IN (:ids) ORDER BY id FOR UPDATE").param("ids", part)
                    .query(Long.class).list();
        }
    }

    private static final int IN_LIMIT = 500;

    /** A fee or interest charge for {@link #chargeAll}. */
    public record Charge(NewPosting posting, Component component) {
    }

    /**
     * {@link #charge} for many charges at once, with the same result: the postings whose key was not written
     * before are inserted in one batch, their invoices locked in id order and their open items updated in one
     * batch.
     */
    public void chargeAll(List<Charge> charges) {
        for (Charge c : charges) {
            if (c.posting().invoiceId() == null || c.component() == Component.PRINCIPAL) {
                throw new IllegalArgumentException("a charge belongs to an invoice and is a fee or interest");
            }
        }
        Set<String> seen = new HashSet<>(existingPostingKeys(charges.stream().map(c -> c.posting().idemKey()).toList()));
        List<Charge> todo = new ArrayList<>();
        for (Charge c : charges) {
            if (seen.add(c.posting().idemKey())) {
                todo.add(c);
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(todo.size());
        for (Charge c : todo) {
            NewPosting p = c.posting();
            rows.add(new Object[] {p.customerId(), p.invoiceId(), Date.valueOf(p.date()), p.type().name(), p.amount(),
                    p.currency(), p.documentNo(), truncate(p.text(), 200), p.source(), p.idemKey()});
        }
        batch("""
                INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, document_no,
                                     text, source, idem_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        Map<Long, InvoiceRow> invoices = lockInvoices(todo.stream().map(c -> c.posting().invoiceId()).toList());
        Map<Long, OpenItem> after = new TreeMap<>();
        for (Charge c : todo) {
            long id = c.posting().invoiceId();
            OpenItem open = after.getOrDefault(id, invoices.get(id).open());
            BigDecimal amount = c.posting().amount();
            after.put(id, c.component() == Component.FEE
                    ? new OpenItem(open.fee().add(amount), open.interest(), open.principal())
                    : new OpenItem(open.fee(), open.interest().add(amount), open.principal()));
        }
        List<Object[]> updates = new ArrayList<>(after.size());
        after.forEach((id, open) -> {
            InvoiceRow inv = invoices.get(id);
            updates.add(new Object[] {open.fee(), open.interest(), open.principal(), statusAfter(inv, open, false).name(),
                    id});
        });
        batch("UPDATE invoice SET fee_open = ?, interest_open = ?, principal_open = ?, status = ? WHERE id = ?", updates);
    }

    private List<String> existingPostingKeys(List<String> keys) {
        List<String> out = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += IN_LIMIT) {
            out.addAll(jdbc.sql("SELECT idem_key FROM posting WHERE idem_key IN (:keys)")
                    .param("keys", keys.subList(from, Math.min(keys.size(), from + IN_LIMIT))).query(String.class).list());
        }
        return out;
    }

    /** Invoices locked for the rest of the transaction, in id order. */
    private Map<Long, InvoiceRow> lockInvoices(Collection<Long> invoiceIds) {
        List<Long> ids = new ArrayList<>(new TreeSet<>(invoiceIds));
        Map<Long, InvoiceRow> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_LIMIT) {
            jdbc.sql("""
                    SELECT id, type, amount, principal_open, fee_open, interest_open, status
                      FROM invoice WHERE id IN (:ids) ORDER BY id FOR UPDATE""")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + IN_LIMIT)))
                    .query(LedgerJournal::invoiceRow).list().forEach(r -> out.put(r.id(), r));
        }
        return out;
    }

    private void batch(String sql, List<Object[]> rows) {
        if (batchTemplate != null) {
            batchTemplate.batchUpdate(sql, rows);
        } else {
            rows.forEach(r -> jdbc.sql(sql).params(r).update());
        }
    }

    /** The id of the posting with this key, if it was written before. */
    public Optional<Long> findPosting(String idemKey) {
        return jdbc.sql("SELECT id FROM posting WHERE idem_key = ?").param(idemKey).query(Long.class).optional();
    }

    /** Writes a posting unless its key exists; returns its id either way. */
    public long post(NewPosting p) {
        Optional<Long> existing = findPosting(p.idemKey());
        if (existing.isPresent()) {
            return existing.get();
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, document_no,
                                     text, source, idem_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.customerId(), p.invoiceId(), Date.valueOf(p.date()), p.type().name(), p.amount(),
                        p.currency(), p.documentNo(), truncate(p.text(), 200), p.source(), p.idemKey())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * Posts a payment or credit (a negative posting) and allocates it to the given invoices in order, each
     * settled fees first, then interest, then principal. What is not allocated stays on account.
     */
    public Posted postAndAllocate(NewPosting p, List<Long> invoiceIds) {
        if (p.amount().signum() >= 0) {
            throw new IllegalArgumentException("a payment or credit posting is negative: " + p.amount());
        }
        Optional<Long> existing = findPosting(p.idemKey());
        if (existing.isPresent()) {
            return new Posted(existing.get(), true, List.of(), unallocated(existing.get()));
        }
        long postingId = post(p);
        BigDecimal left = p.amount().negate();
        List<Applied> applied = new ArrayList<>();
        for (Long invoiceId : invoiceIds) {
            if (left.signum() == 0) {
                break;
            }
            Allocation.Result r = allocate(postingId, invoiceId, left, p.date(), p.source(), p.idemKey(), p.type());
            for (Allocation.Part part : r.parts()) {
                applied.add(new Applied(invoiceId, part.component(), part.amount()));
            }
            left = r.remainder();
        }
        return new Posted(postingId, false, List.copyOf(applied), left);
    }

    /** Allocates up to {@code amount} of a posting to one invoice and updates the invoice's projection. */
    public Allocation.Result allocate(long postingId, long invoiceId, BigDecimal amount, LocalDate date, String source,
                                      String keyPrefix, PostingType by) {
        InvoiceRow inv = lockInvoice(invoiceId);
        Allocation.Result r = Allocation.apply(inv.open(), amount);
        int n = 0;
        for (Allocation.Part part : r.parts()) {
            jdbc.sql("""
                    INSERT INTO allocation (posting_id, invoice_id, component, amount, allocation_date, source, idem_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(postingId, invoiceId, part.component().name(), part.amount(), Date.valueOf(date), source,
                            keyPrefix + "/a" + invoiceId + "/" + (n++))
                    .update();
        }
        if (!r.parts().isEmpty()) {
            updateOpen(inv, r.after(), by == PostingType.CREDIT_NOTE);
        }
        return r;
    }

    /** Adds a fee or interest charge to an invoice: a posting and the matching open-item component. */
    public long charge(NewPosting p, Component component) {
        if (p.invoiceId() == null || component == Component.PRINCIPAL) {
            throw new IllegalArgumentException("a charge belongs to an invoice and is a fee or interest");
        }
        Optional<Long> existing = findPosting(p.idemKey());
        if (existing.isPresent()) {
            return existing.get();
        }
        long id = post(p);
        InvoiceRow inv = lockInvoice(p.invoiceId());
        OpenItem after = component == Component.FEE
                ? new OpenItem(inv.open().fee().add(p.amount()), inv.open().interest(), inv.open().principal())
                : new OpenItem(inv.open().fee(), inv.open().interest().add(p.amount()), inv.open().principal());
        updateOpen(inv, after, false);
        return id;
    }

    /** The part of a payment posting that is not allocated to any invoice (positive). */
    public BigDecimal unallocated(long postingId) {
        BigDecimal amount = jdbc.sql("SELECT amount FROM posting WHERE id = ?").param(postingId).query(BigDecimal.class).single();
        BigDecimal allocated = jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM allocation WHERE posting_id = ?")
                .param(postingId).query(BigDecimal.class).single();
        return amount.negate().subtract(allocated);
    }

    /** What was refunded of the credit of a payment or credit note posting: its REFUND postings (positive). */
    public BigDecimal refunded(long postingId) {
        return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM posting WHERE reverses_id = ? AND type = 'REFUND'")
                .param(postingId).query(BigDecimal.class).single();
    }

    /** The current open item of an invoice, locked for the rest of the transaction. */
    public InvoiceRow lockInvoice(long invoiceId) {
        return jdbc.sql("""
                SELECT id, type, amount, principal_open, fee_open, interest_open, status
                  FROM invoice WHERE id = ? FOR UPDATE""")
                .param(invoiceId)
                .query(LedgerJournal::invoiceRow)
                .single();
    }

    private static InvoiceRow invoiceRow(ResultSet rs, int row) throws SQLException {
        return new InvoiceRow(rs.getLong("id"), InvoiceType.valueOf(rs.getString("type")), rs.getBigDecimal("amount"),
                new OpenItem(rs.getBigDecimal("fee_open"), rs.getBigDecimal("interest_open"),
                        rs.getBigDecimal("principal_open")),
                InvoiceStatus.valueOf(rs.getString("status")));
    }

    private static InvoiceStatus statusAfter(InvoiceRow inv, OpenItem after, boolean byCredit) {
        return inv.status() == InvoiceStatus.IN_COLLECTION && after.total().signum() > 0
                ? InvoiceStatus.IN_COLLECTION
                : Allocation.statusOf(inv.type(), inv.amount(), after, byCredit);
    }

    private void updateOpen(InvoiceRow inv, OpenItem after, boolean byCredit) {
        InvoiceStatus status = statusAfter(inv, after, byCredit);
        jdbc.sql("UPDATE invoice SET fee_open = ?, interest_open = ?, principal_open = ?, status = ? WHERE id = ?")
                .params(after.fee(), after.interest(), after.principal(), status.name(), inv.id())
                .update();
    }

    /** An invoice's projection as stored. */
    public record InvoiceRow(long id, InvoiceType type, BigDecimal amount, OpenItem open, InvoiceStatus status) {
    }
}
