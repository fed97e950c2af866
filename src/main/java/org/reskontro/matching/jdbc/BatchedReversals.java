package org.reskontro.matching.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.reskontro.ledger.Allocation;
import org.reskontro.ledger.Component;
import org.reskontro.ledger.InvoiceStatus;
import org.reskontro.ledger.InvoiceType;
import org.reskontro.ledger.OpenItem;
import org.reskontro.matching.BankPayment;
import org.reskontro.matching.MatchIndex;
import org.reskontro.matching.OpenInvoice;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The chunk's reversals in a few statements: those whose payment is found by its end-to-end id are undone here
 * with the same rows {@link Reversals} writes one by one; the rest go through {@link Reversals}.
 */
class BatchedReversals {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Reversals rowByRow;

    BatchedReversals(JdbcTemplate jdbc, Reversals rowByRow) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.rowByRow = rowByRow;
    }

    private record Original(long txId, long postingId, long customerId, BigDecimal amount, String currency) {
    }

    private static final class Inv {
        final long id;
        final long customerId;
        final InvoiceType type;
        final BigDecimal amount;
        final InvoiceStatus status;
        final String invoiceNo;
        final String reference;
        final String currency;
        final LocalDate due;
        OpenItem open;

        Inv(java.sql.ResultSet rs) throws java.sql.SQLException {
            id = rs.getLong(1);
            type = InvoiceType.valueOf(rs.getString(2));
            amount = rs.getBigDecimal(3);
            open = new OpenItem(rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6));
            status = InvoiceStatus.valueOf(rs.getString(7));
            customerId = rs.getLong(8);
            invoiceNo = rs.getString(9);
            reference = rs.getString(10);
            currency = rs.getString(11);
            due = rs.getDate(12).toLocalDate();
        }
    }

    /** Undoes the payments these debits return; returns how many were reversed. */
    int reverseAll(List<BankPayment> reversals, LocalDate businessDate, MatchIndex idx) {
        if (reversals.isEmpty()) {
            return 0;
        }
        Map<String, List<Original>> byE2e = new HashMap<>();
        List<String> e2e = new ArrayList<>();
        for (BankPayment p : reversals) {
            if (p.endToEndId() != null && !p.endToEndId().isBlank()) {
                e2e.add(p.endToEndId());
            }
        }
        BatchSql.inSlices(e2e, slice -> named.query("""
                SELECT id, posting_id, customer_id, amount, currency, end_to_end_id FROM bank_transaction
                 WHERE end_to_end_id IN (:e2e) AND match_status IN ('MATCHED', 'ON_ACCOUNT') AND posting_id IS NOT NULL""",
                Map.of("e2e", slice), rs -> {
                    byE2e.computeIfAbsent(rs.getString(6), k -> new ArrayList<>()).add(new Original(rs.getLong(1),
                            rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4), rs.getString(5)));
                }));
        byE2e.values().forEach(l -> l.sort((a, b) -> Long.compare(b.txId(), a.txId()))); // the latest payment first
        Map<BankPayment, Original> found = new LinkedHashMap<>();
        List<BankPayment> rest = new ArrayList<>();
        Set<Long> usedOriginals = new HashSet<>();
        for (BankPayment p : reversals) {
            Original hit = null;
            for (Original o : byE2e.getOrDefault(p.endToEndId(), List.of())) {
                if (o.txId() != p.id() && o.amount().compareTo(p.amount().negate()) == 0 && o.currency().equals(p.currency())
                        && !usedOriginals.contains(o.txId())) {
                    hit = o;
                    break;
                }
            }
            if (hit == null) {
                rest.add(p);
            } else {
                usedOriginals.add(hit.txId());
                found.put(p, hit);
            }
        }
        int reversed = found.isEmpty() ? 0 : reverseFound(found, businessDate, idx);
        for (BankPayment p : rest) {
            if (rowByRow.reverse(p, businessDate, idx)) {
                reversed++;
            }
        }
        return reversed;
    }

    private int reverseFound(Map<BankPayment, Original> found, LocalDate businessDate, MatchIndex idx) {
        Set<Long> customers = new TreeSet<>();
        Map<Long, Long> paymentToOriginalTx = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (Map.Entry<BankPayment, Original> e : found.entrySet()) {
            customers.add(e.getValue().customerId());
            paymentToOriginalTx.put(e.getValue().postingId(), e.getValue().txId());
            keys.add("bank-tx:" + e.getKey().id());
        }
        named.query("SELECT id FROM customer WHERE id IN (:ids) ORDER BY id FOR UPDATE", Map.of("ids", customers), rs -> {
        });
        Set<String> done = new HashSet<>(named.queryForList("SELECT idem_key FROM posting WHERE idem_key IN (:keys)",
                Map.of("keys", keys), String.class));
        // the postings to reverse: each payment, and its write-off if it had one
        Map<Long, String> originalKeys = new HashMap<>();
        named.query("SELECT id, idem_key FROM posting WHERE id IN (:ids)", Map.of("ids", paymentToOriginalTx.keySet()),
                rs -> {
                    originalKeys.put(rs.getLong(1), rs.getString(2));
                });
        List<String> writeOffKeys = new ArrayList<>();
        originalKeys.values().forEach(k -> writeOffKeys.add(k + "/write-off"));
        Map<String, Long> writeOffs = new HashMap<>();
        named.query("SELECT idem_key, id FROM posting WHERE idem_key IN (:keys)", Map.of("keys", writeOffKeys), rs -> {
            writeOffs.put(rs.getString(1), rs.getLong(2));
        });
        List<Object[]> insertPostings = new ArrayList<>();
        Map<String, Long> reversedPosting = new LinkedHashMap<>(); // new key -> posting it reverses
        List<Object[]> txUpdates = new ArrayList<>();
        int reversed = 0;
        for (Map.Entry<BankPayment, Original> e : found.entrySet()) {
            BankPayment p = e.getKey();
            Original o = e.getValue();
            String key = "bank-tx:" + p.id();
            LocalDate date = p.bookingDate() != null ? p.bookingDate() : businessDate;
            if (!done.contains(key)) {
                insertPostings.add(new Object[] {Date.valueOf(date), "Reversal of a payment returned by the bank",
                        MatchWriter.SOURCE, key, o.postingId()});
                reversedPosting.put(key, o.postingId());
                Long wo = writeOffs.get(originalKeys.get(o.postingId()) + "/write-off");
                if (wo != null) {
                    insertPostings.add(new Object[] {Date.valueOf(date), "Reversal of a payment returned by the bank",
                            MatchWriter.SOURCE, key + "/write-off", wo});
                    reversedPosting.put(key + "/write-off", wo);
                }
            }
            txUpdates.add(new Object[] {"REVERSED", null, null, null, "reversed by bank transaction " + p.id(), o.txId()});
            txUpdates.add(new Object[] {"REVERSED", o.customerId(), key, "REVERSAL",
                    "reverses bank transaction " + o.txId() + " (posting " + o.postingId() + ")", p.id()});
            reversed++;
        }
        if (!insertPostings.isEmpty()) {
            // read the postings to reverse, then insert plain rows (the driver's bulk protocol refuses INSERT ... SELECT)
            Set<Long> sources = new HashSet<>();
            insertPostings.forEach(r -> sources.add((Long) r[4]));
            Map<Long, Object[]> source = new HashMap<>();
            named.query("SELECT id, customer_id, invoice_id, amount, currency, document_no FROM posting WHERE id IN (:ids)",
                    Map.of("ids", sources), rs -> {
                        Long invoiceId = rs.getLong(3);
                        if (rs.wasNull()) {
                            invoiceId = null;
                        }
                        source.put(rs.getLong(1), new Object[] {rs.getLong(2), invoiceId, rs.getBigDecimal(4),
                                rs.getString(5), rs.getString(6)});
                    });
            List<Object[]> rows = new ArrayList<>();
            for (Object[] r : insertPostings) {
                Object[] src = source.get((Long) r[4]);
                rows.add(new Object[] {src[0], src[1], r[0], ((BigDecimal) src[2]).negate(), src[3], src[4], r[1], r[2], r[3],
                        r[4]});
            }
            jdbc.batchUpdate("""
                    INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, document_no, text,
                                         source, idem_key, reverses_id)
                    VALUES (?, ?, ?, 'REVERSAL', ?, ?, ?, ?, ?, ?, ?)""", rows,
                    new int[] {Types.BIGINT, Types.BIGINT, Types.DATE, Types.DECIMAL, Types.VARCHAR, Types.VARCHAR,
                            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT});
        }
        Map<String, Long> newIds = new HashMap<>();
        List<String> allKeys = new ArrayList<>(keys);
        allKeys.addAll(reversedPosting.keySet());
        named.query("SELECT idem_key, id FROM posting WHERE idem_key IN (:keys)", Map.of("keys", allKeys), rs -> {
            newIds.put(rs.getString(1), rs.getLong(2));
        });
        // mirror the allocations of the reversed postings, and re-open the invoices
        if (!reversedPosting.isEmpty()) {
            Map<Long, String> reversingKey = new HashMap<>();
            reversedPosting.forEach((k, v) -> reversingKey.put(v, k));
            List<Object[]> allocs = new ArrayList<>();
            Set<Long> invoiceIds = new TreeSet<>();
            BatchSql.inSlices(new TreeSet<>(reversedPosting.values()), slice -> named.query(
                    "SELECT id, posting_id, invoice_id, component, amount, allocation_date FROM allocation "
                            + "WHERE posting_id IN (:ids)", Map.of("ids", slice), rs -> {
                        allocs.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                                rs.getBigDecimal(5)});
                        invoiceIds.add(rs.getLong(3));
                    }));
            allocs.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
            Map<Long, Inv> invoices = new HashMap<>();
            if (!invoiceIds.isEmpty()) {
                named.query("""
                        SELECT id, type, amount, fee_open, interest_open, principal_open, status, customer_id, invoice_no,
                               reference, currency, due_date
                          FROM invoice WHERE id IN (:ids) ORDER BY id FOR UPDATE""", Map.of("ids", invoiceIds), rs -> {
                    invoices.put(rs.getLong(1), new Inv(rs));
                });
            }
            List<Object[]> inserts = new ArrayList<>();
            for (Object[] a : allocs) {
                String key = reversingKey.get((Long) a[1]);
                String txKey = key.endsWith("/write-off") ? key.substring(0, key.length() - "/write-off".length()) : key;
                Inv inv = invoices.get((Long) a[2]);
                BigDecimal amount = (BigDecimal) a[4];
                Component c = Component.valueOf((String) a[3]);
                inv.open = inv.open.minus(c, amount.negate());
                LocalDate date = dateOf(found, txKey, businessDate);
                inserts.add(new Object[] {newIds.get(key), inv.id, c.name(), amount.negate(), Date.valueOf(date),
                        MatchWriter.SOURCE, key + "/r" + a[0]});
            }
            if (!inserts.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO allocation (posting_id, invoice_id, component, amount, allocation_date, source, idem_key)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""", inserts, new int[] {Types.BIGINT, Types.BIGINT, Types.VARCHAR,
                        Types.DECIMAL, Types.DATE, Types.VARCHAR, Types.VARCHAR});
            }
            List<Object[]> invUpdates = new ArrayList<>();
            for (Inv inv : invoices.values()) {
                InvoiceStatus status = inv.status == InvoiceStatus.IN_COLLECTION ? InvoiceStatus.IN_COLLECTION
                        : Allocation.statusOf(inv.type, inv.amount, inv.open, false);
                invUpdates.add(new Object[] {inv.open.fee(), inv.open.interest(), inv.open.principal(), status.name(), inv.id});
                OpenInvoice indexed = idx.invoice(inv.id);
                if (indexed != null) {
                    indexed.setOpen(inv.open);
                } else {
                    idx.addInvoice(new OpenInvoice(inv.id, inv.customerId, inv.invoiceNo, inv.reference, inv.currency,
                            inv.due, inv.open));
                }
            }
            BatchSql.updateByIds(jdbc, "invoice", new String[] {"fee_open", "interest_open", "principal_open", "status"},
                    invUpdates, new int[] {Types.DECIMAL, Types.DECIMAL, Types.DECIMAL, Types.VARCHAR}, "");
        }
        List<Object[]> rows = new ArrayList<>();
        for (Object[] u : txUpdates) {
            if (u[2] == null) {
                rows.add(new Object[] {u[0], u[4], u[5]});
            }
        }
        BatchSql.updateByIds(jdbc, "bank_transaction", new String[] {"match_status", "match_evidence"}, rows,
                new int[] {Types.VARCHAR, Types.VARCHAR}, "");
        rows = new ArrayList<>();
        for (Object[] u : txUpdates) {
            if (u[2] != null) {
                rows.add(new Object[] {u[0], u[1], newIds.get((String) u[2]), u[3], u[4], u[5]});
            }
        }
        BatchSql.updateByIds(jdbc, "bank_transaction", new String[] {"match_status", "customer_id", "posting_id", "match_rule",
                "match_evidence"}, rows, new int[] {Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR}, "");
        return reversed;
    }

    private static LocalDate dateOf(Map<BankPayment, Original> found, String txKey, LocalDate businessDate) {
        long id = Long.parseLong(txKey.substring("bank-tx:".length()));
        for (BankPayment p : found.keySet()) {
            if (p.id() == id) {
                return p.bookingDate() != null ? p.bookingDate() : businessDate;
            }
        }
        return businessDate;
    }
}
