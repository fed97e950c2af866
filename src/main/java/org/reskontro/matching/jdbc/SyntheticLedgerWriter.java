package org.reskontro.matching.jdbc;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.reskontro.matching.BankPayment;
import org.reskontro.matching.SyntheticLedger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a {@link SyntheticLedger} into an empty ledger with batched inserts (customers, invoices and their INVOICE
 * postings, one bank file and statement, a month of matched history for the customers that have paid before, and
 * the OPEN transactions to match), and scores the matching against the truth afterwards.
 */
public class SyntheticLedgerWriter {

    private static final int BATCH = 2000;

    private final JdbcTemplate jdbc;

    public SyntheticLedgerWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True when the ledger holds nothing but (possibly) an earlier synthetic ledger. */
    public boolean onlySynthetic() {
        Long other = jdbc.queryForObject("SELECT COUNT(*) FROM bank_file WHERE file_name <> 'synthetic-bench'", Long.class);
        Long customersWithoutFile = jdbc.queryForObject("SELECT COUNT(*) FROM customer", Long.class);
        Long synthetic = jdbc.queryForObject("SELECT COUNT(*) FROM bank_file WHERE file_name = 'synthetic-bench'", Long.class);
        return other == 0 && (customersWithoutFile == 0 || synthetic > 0);
    }

    /** Empties the ledger tables (only call after {@link #onlySynthetic()}). */
    public void wipe() {
        for (String t : new String[] {"match_suggestion", "allocation", "audit_log", "bank_transaction", "posting",
                "bank_statement", "bank_file", "invoice", "customer"}) {
            jdbc.update("DELETE FROM " + t);
        }
    }

    public void write(SyntheticLedger l) {
        writeCustomersAndInvoices(l, c -> null);
        jdbc.update("INSERT INTO bank_file (id, sha256, file_name, format, status) VALUES (1, ?, 'synthetic-bench', "
                + "'SYNTHETIC', 'IMPORTED')", "0".repeat(64));
        jdbc.update("INSERT INTO bank_statement (id, bank_file_id, statement_key, format, currency) "
                + "VALUES (1, 1, 'synthetic', 'SYNTHETIC', 'NOK')");
        List<SyntheticLedger.Customer> history = new ArrayList<>();
        for (SyntheticLedger.Customer c : l.customers()) {
            if (c.history()) {
                history.add(c);
            }
        }
        long offset = l.payments().size() + 1L;
        batch("""
                INSERT INTO bank_transaction (id, bank_statement_id, tx_key, amount, currency, booking_date, payer_name,
                                              payer_account, text, match_status, customer_id, match_rule, match_evidence)
                VALUES (?, 1, ?, 100.00, ?, ?, ?, ?, 'March payment', 'MATCHED', ?, 'REFERENCE', 'history')""", history,
                (c, a) -> a.add(new Object[] {offset + c.id(), "history:" + c.id(), c.currency(),
                        Date.valueOf("2024-03-15"), c.name(), c.account(), c.id()}));
        writeHistoryLedger(l, history);
        batch("""
                INSERT INTO bank_transaction (id, bank_statement_id, tx_key, amount, currency, booking_date, reference,
                                              reference_valid, end_to_end_id, bank_reference, payer_name, payer_account,
                                              text, reversal)
                VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", l.payments(), (p, a) -> {
            BankPayment t = p.tx();
            a.add(new Object[] {t.id(), "synthetic:" + t.id(), t.amount(), t.currency(), Date.valueOf(t.bookingDate()),
                    t.reference(), t.reference() != null && org.reskontro.ledger.PaymentReferences.isValid(t.reference()),
                    t.endToEndId(), t.bankReference(), t.payerName(), t.payerAccount(), t.text(), t.reversal()});
        });
    }

    /**
     * The ledger side of the matched history, so that the synthetic ledger is a consistent one ({@code reskontro
     * verify} holds on it): for each such customer an invoice of 100.00 paid in March, its INVOICE posting, the
     * PAYMENT posting of the history transaction and the allocation that settled the invoice.
     */
    private void writeHistoryLedger(SyntheticLedger l, List<SyntheticLedger.Customer> history) {
        long invoiceOffset = l.invoices().stream().mapToLong(SyntheticLedger.Invoice::id).max().orElse(0) + 1;
        batch("""
                INSERT INTO invoice (id, invoice_no, customer_id, type, issue_date, due_date, currency, amount, status,
                                     principal_open)
                VALUES (?, ?, ?, 'INVOICE', ?, ?, ?, 100.00, 'PAID', 0)""", history, (c, a) -> a.add(new Object[] {
                invoiceOffset + c.id(), "H-" + c.id(), c.id(), Date.valueOf("2024-02-15"), Date.valueOf("2024-03-15"),
                c.currency()}));
        batch("""
                INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, document_no, text,
                                     source, idem_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'synthetic', ?)""", history, (c, a) -> {
            a.add(new Object[] {c.id(), invoiceOffset + c.id(), Date.valueOf("2024-02-15"), "INVOICE",
                    new java.math.BigDecimal("100.00"), c.currency(), "H-" + c.id(), "Faktura", "doc:H-" + c.id()});
            a.add(new Object[] {c.id(), null, Date.valueOf("2024-03-15"), "PAYMENT", new java.math.BigDecimal("-100.00"),
                    c.currency(), "H-" + c.id(), "March payment", "history:" + c.id()});
        });
        jdbc.update("""
                INSERT INTO allocation (posting_id, invoice_id, component, amount, allocation_date, source, idem_key)
                SELECT p.id, ? + p.customer_id, 'PRINCIPAL', 100.00, p.posting_date, 'synthetic', CONCAT(p.idem_key, '/a')
                  FROM posting p WHERE p.idem_key LIKE 'history:%'""", invoiceOffset);
        jdbc.update("""
                UPDATE bank_transaction t SET posting_id = (SELECT p.id FROM posting p
                                                             WHERE p.idem_key = CONCAT('history:', t.customer_id))
                 WHERE t.tx_key LIKE 'history:%'""");
    }

    /**
     * Writes the ledger side of a synthetic ledger: customers (with the e-mail address {@code emailOf} gives, or
     * none), their open invoices and the INVOICE postings. Shared by {@code bench matching} and {@code bench all}.
     */
    public void writeCustomersAndInvoices(SyntheticLedger l,
                                          Function<SyntheticLedger.Customer, String> emailOf) {
        batch("""
                INSERT INTO customer (id, customer_no, name, org_no, country, currency, language, customer_type, email)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'BUSINESS', ?)""", l.customers(), (c, a) -> a.add(new Object[] {c.id(),
                c.customerNo(), c.name(), c.orgNo(), c.country().name(), c.currency(),
                c.country().name().equals("NO") ? "nb" : "sv", emailOf.apply(c)}));
        batch("""
                INSERT INTO invoice (id, invoice_no, customer_id, type, issue_date, due_date, currency, amount, reference,
                                     status, principal_open)
                VALUES (?, ?, ?, 'INVOICE', ?, ?, ?, ?, ?, 'OPEN', ?)""", l.invoices(), (i, a) -> a.add(new Object[] {
                i.id(), i.invoiceNo(), i.customerId(), Date.valueOf(i.issueDate()), Date.valueOf(i.dueDate()), i.currency(),
                i.amount(), i.reference(), i.amount()}));
        batch("""
                INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, document_no, text,
                                     source, idem_key)
                VALUES (?, ?, ?, 'INVOICE', ?, ?, ?, 'Faktura', 'synthetic', ?)""", l.invoices(), (i, a) -> a.add(
                new Object[] {i.customerId(), i.id(), Date.valueOf(i.issueDate()), i.amount(), i.currency(), i.invoiceNo(),
                        "doc:" + i.invoiceNo()}));
    }

    /** Precision and recall of the automatic matches against the truth. */
    public record Score(long payments, long matchable, long autoMatched, long correct, long wrong, long reversals,
                        long reversalsUndone, long outgoing, long outgoingMarked, long leftOpen, List<String> wrongSamples,
                        Map<SyntheticLedger.Kind, long[]> byKind) {
        public double precision() {
            return autoMatched == 0 ? 1.0 : (double) correct / autoMatched;
        }

        public double recall() {
            return matchable == 0 ? 1.0 : (double) correct / matchable;
        }
    }

    public Score score(SyntheticLedger l) {
        Map<Long, String[]> status = new HashMap<>();
        jdbc.query("SELECT id, match_status, match_rule, match_evidence FROM bank_transaction WHERE id <= ?", rs -> {
            status.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
        }, (long) l.payments().size());
        Map<Long, Set<Long>> allocated = new HashMap<>();
        // what the match decided: not what the credit step later did with money the match left on account
        jdbc.query("""
                SELECT t.id, a.invoice_id FROM bank_transaction t JOIN posting p ON p.id = t.posting_id
                  JOIN allocation a ON a.posting_id = p.id
                 WHERE t.id <= ? AND p.type = 'PAYMENT' AND a.amount > 0 AND a.source <> ?""", rs -> {
            allocated.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2));
        }, (long) l.payments().size(), Credits.SOURCE);
        Set<Long> reversedOriginals = new HashSet<>();
        for (SyntheticLedger.Payment p : l.payments()) {
            if (p.reverses() != null) {
                reversedOriginals.add(p.reverses());
            }
        }
        long matchable = 0, auto = 0, correct = 0, wrong = 0, reversals = 0, undone = 0, outgoing = 0, marked = 0, open = 0;
        List<String> samples = new ArrayList<>();
        Map<SyntheticLedger.Kind, long[]> byKind = new java.util.EnumMap<>(SyntheticLedger.Kind.class);
        for (SyntheticLedger.Payment p : l.payments()) {
            long id = p.tx().id();
            String[] s = status.get(id);
            long[] k = byKind.computeIfAbsent(p.kind(), x -> new long[3]); // total, correct auto, wrong auto
            k[0]++;
            if ("OPEN".equals(s[0])) {
                open++;
            }
            if (p.kind() == SyntheticLedger.Kind.REVERSAL) {
                reversals++;
                if ("REVERSED".equals(s[0])) {
                    undone++;
                    k[1]++;
                }
                continue;
            }
            if (p.kind() == SyntheticLedger.Kind.OUTGOING) {
                outgoing++;
                if ("OUTGOING".equals(s[0])) {
                    marked++;
                    k[1]++;
                }
                continue;
            }
            boolean isAuto = s[1] != null && !s[1].startsWith("MANUAL") && !"REVERSAL".equals(s[1])
                    && ("MATCHED".equals(s[0]) || "ON_ACCOUNT".equals(s[0]) || "REVERSED".equals(s[0]));
            if (p.matchable()) {
                matchable++;
            }
            if (!isAuto) {
                continue;
            }
            auto++;
            Set<Long> got = allocated.getOrDefault(id, Set.of());
            if (p.matchable() && got.equals(new HashSet<>(p.truth()))) {
                correct++;
                k[1]++;
            } else {
                wrong++;
                k[2]++;
                if (samples.size() < 10) {
                    samples.add("transaction " + id + " (" + p.kind() + ") truth " + p.truth() + " got " + got + ": " + s[2]);
                }
            }
        }
        return new Score(l.payments().size(), matchable, auto, correct, wrong, reversals, undone, outgoing, marked, open,
                samples, byKind);
    }

    private <T> void batch(String sql, List<T> rows, java.util.function.BiConsumer<T, List<Object[]>> mapper) {
        List<Object[]> args = new ArrayList<>(BATCH);
        for (T row : rows) {
            mapper.accept(row, args);
            if (args.size() >= BATCH) {
                jdbc.batchUpdate(sql, args);
                args.clear();
            }
        }
        if (!args.isEmpty()) {
            jdbc.batchUpdate(sql, args);
        }
    }

}
