package org.reskontro.reports.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.reskontro.reports.AgingReport;
import org.reskontro.reports.Fmt;
import org.reskontro.reports.Reconciliation;
import org.reskontro.reports.Reconciliation.Check;
import org.reskontro.reports.Reconciliation.Difference;
import org.reskontro.reports.Reconciliation.Finding;
import org.reskontro.reports.Reconciliation.FollowUp;
import org.reskontro.reports.Reconciliation.Kind;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reconciles, as of a date: the customer ledger (open items less unallocated credits) against the receivables
 * control account (the sum of the posting journal) per currency; each bank statement's closing balance against
 * its opening balance plus its transactions; each booked bank transaction against its posting. Differences are
 * traced to their cause: an invoice whose open-item projection disagrees with its postings and allocations, or a
 * posting that belongs to no open item.
 */
public class ReconciliationQuery {

    static final String LEDGER = "Ledger";
    static final String BANK = "Bank";

    private final JdbcClient jdbc;
    private final AgingQuery aging;

    public ReconciliationQuery(JdbcClient jdbc, AgingQuery aging) {
        this.jdbc = jdbc;
        this.aging = aging;
    }

    public Reconciliation reconcile(LocalDate date) {
        List<Check> checks = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        ledger(date, checks, findings);
        statements(date, checks, findings);
        bookings(date, checks, findings);
        unmatched(date, findings);
        for (AgingQuery.UnallocatedCredit u : aging.unallocated(date)) {
            findings.add(new FollowUp(Kind.UNALLOCATED_CREDIT, "customer " + u.customerNo() + " " + u.customerName()
                    + ", " + u.type().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " #" + u.postingId()
                    + (u.documentNo() == null ? "" : " " + u.documentNo()), u.date(), u.amount(), u.currency(),
                    u.amount().signum() > 0 ? "on account: allocate it to an invoice or pay it back"
                            : "refunded from a payment since returned by the bank or undone: the customer owes the refund, on no invoice"));
        }
        return new Reconciliation(date, List.copyOf(checks), List.copyOf(findings));
    }

    private void ledger(LocalDate date, List<Check> checks, List<Finding> findings) {
        Date d = Date.valueOf(date);
        AgingReport report = aging.aging(date);
        Map<String, BigDecimal> open = new TreeMap<>();
        Map<String, BigDecimal> unallocated = new TreeMap<>();
        for (AgingReport.Section s : report.sections()) {
            open.put(s.currency(), s.total().total());
            unallocated.put(s.currency(), s.unallocatedCredit());
        }
        Map<String, BigDecimal> journal = new TreeMap<>();
        jdbc.sql("SELECT currency, SUM(amount) FROM posting WHERE posting_date <= ? GROUP BY currency")
                .param(d)
                .query(rs -> {
                    journal.put(rs.getString(1), rs.getBigDecimal(2));
                });
        TreeSet<String> currencies = new TreeSet<>(open.keySet());
        currencies.addAll(journal.keySet());
        currencies.addAll(unallocated.keySet());

        Map<String, BigDecimal> explained = new TreeMap<>();
        List<Difference> causes = new ArrayList<>();
        // invoices whose projection disagrees with their postings less their allocations (the reversal of a write-off
        // names the invoice, but what it takes back is in its negative allocations, not a charge)
        jdbc.sql("""
                SELECT i.invoice_no, c.customer_no, c.name, i.currency,
                       i.principal_open + i.fee_open + i.interest_open AS projection,
                       COALESCE((SELECT SUM(p.amount) FROM posting p
                                  WHERE p.invoice_id = i.id AND p.amount > 0 AND p.reverses_id IS NULL), 0),
                       COALESCE((SELECT SUM(a.amount) FROM allocation a WHERE a.invoice_id = i.id), 0)
                  FROM invoice i JOIN customer c ON c.id = i.customer_id
                 WHERE i.type <> 'CREDIT_NOTE' AND i.issue_date <= ?
                 ORDER BY c.customer_no, i.invoice_no""")
                .param(d)
                .query(rs -> {
                    BigDecimal projection = rs.getBigDecimal(5);
                    BigDecimal charged = rs.getBigDecimal(6);
                    BigDecimal allocated = rs.getBigDecimal(7);
                    BigDecimal fromJournal = charged.subtract(allocated);
                    BigDecimal diff = projection.subtract(fromJournal);
                    if (diff.signum() != 0) {
                        String currency = rs.getString(4);
                        explained.merge(currency, diff, BigDecimal::add);
                        causes.add(new Difference(LEDGER, "invoice " + rs.getString(1) + ", customer " + rs.getString(2)
                                + " " + rs.getString(3), diff, currency,
                                "the invoice's open item is " + Fmt.amount(projection) + " but its postings ("
                                        + Fmt.amount(charged) + ") less its allocations (" + Fmt.amount(allocated)
                                        + ") give " + Fmt.amount(fromJournal) + ": the open item was changed without a "
                                        + "posting, or a posting was written without updating the open item"));
                    }
                });
        // postings that increase what a customer owes but belong to no invoice's open item (a reversal takes back
        // what the posting it names did, and a refund pays back money on account: neither is a charge)
        jdbc.sql("""
                SELECT p.id, p.type, p.posting_date, p.document_no, p.amount, p.currency, c.customer_no, c.name,
                       ci.invoice_no
                  FROM posting p JOIN customer c ON c.id = p.customer_id
                  LEFT JOIN invoice ci ON ci.id = p.invoice_id
                 WHERE p.amount > 0 AND p.posting_date <= ? AND (p.invoice_id IS NULL OR ci.type = 'CREDIT_NOTE')
                   AND p.reverses_id IS NULL
                 ORDER BY p.id""")
                .param(d)
                .query(rs -> {
                    BigDecimal amount = rs.getBigDecimal(5);
                    String currency = rs.getString(6);
                    explained.merge(currency, amount.negate(), BigDecimal::add);
                    causes.add(new Difference(LEDGER, "posting #" + rs.getLong(1) + " " + rs.getString(2) + " "
                            + rs.getDate(3) + (rs.getString(4) == null ? "" : " " + rs.getString(4)) + ", customer "
                            + rs.getString(7) + " " + rs.getString(8), amount.negate(), currency,
                            "the posting is in the control account but on no invoice's open item"
                                    + (rs.getString(9) == null ? "" : " (it names credit note " + rs.getString(9) + ")")
                                    + ": posted without its open item"));
                });
        for (String currency : currencies) {
            BigDecimal ledger = open.getOrDefault(currency, BigDecimal.ZERO)
                    .subtract(unallocated.getOrDefault(currency, BigDecimal.ZERO));
            BigDecimal control = journal.getOrDefault(currency, BigDecimal.ZERO);
            Check check = new Check(LEDGER, "Customer ledger vs control account", currency,
                    "open items " + Fmt.amount(open.getOrDefault(currency, BigDecimal.ZERO)) + " less unallocated credits "
                            + Fmt.amount(unallocated.getOrDefault(currency, BigDecimal.ZERO)),
                    ledger, "sum of postings (receivables control account)", control);
            checks.add(check);
            BigDecimal rest = check.difference().subtract(explained.getOrDefault(currency, BigDecimal.ZERO));
            if (rest.signum() != 0) {
                causes.add(new Difference(LEDGER, "customer ledger " + currency, rest, currency,
                        "not traced to an invoice or posting (check allocations dated after their posting or "
                                + "allocations to credit notes)"));
            }
        }
        findings.addAll(causes);
    }

    private void statements(LocalDate date, List<Check> checks, List<Finding> findings) {
        jdbc.sql("""
                SELECT s.id, s.statement_key, s.statement_id, s.account, s.currency, s.opening_balance,
                       s.closing_balance, f.file_name, f.duplicates,
                       COALESCE((SELECT SUM(t.amount) FROM bank_transaction t WHERE t.bank_statement_id = s.id), 0),
                       (SELECT COUNT(*) FROM bank_transaction t WHERE t.bank_statement_id = s.id)
                  FROM bank_statement s JOIN bank_file f ON f.id = s.bank_file_id
                 WHERE s.opening_balance IS NOT NULL AND s.closing_balance IS NOT NULL
                   AND (s.statement_date IS NULL OR s.statement_date <= ?)
                 ORDER BY s.id""")
                .param(Date.valueOf(date))
                .query(rs -> {
                    BigDecimal opening = rs.getBigDecimal(6);
                    BigDecimal closing = rs.getBigDecimal(7);
                    BigDecimal transactions = rs.getBigDecimal(10);
                    String name = "statement " + (rs.getString(3) == null ? rs.getString(2) : rs.getString(3))
                            + (rs.getString(4) == null ? "" : " account " + rs.getString(4));
                    Check c = new Check(BANK, name, rs.getString(5), "closing balance", closing,
                            "opening " + Fmt.amount(opening) + " + " + rs.getLong(11) + " transaction(s) "
                                    + Fmt.amount(transactions), opening.add(transactions));
                    checks.add(c);
                    if (!c.balances()) {
                        int duplicates = rs.getInt(9);
                        findings.add(new Difference(BANK, name + " (file " + rs.getString(8) + ")", c.difference(),
                                rs.getString(5), "the statement's transactions do not add up to its closing balance: "
                                + (duplicates > 0 ? duplicates + " transaction(s) of the file were skipped as duplicates "
                                + "of an overlapping file, or " : "") + "transactions are missing from the statement"));
                    }
                });
    }

    private void bookings(LocalDate date, List<Check> checks, List<Finding> findings) {
        Date d = Date.valueOf(date);
        Map<String, int[]> booked = new TreeMap<>();
        Map<String, BigDecimal> transactions = new TreeMap<>();
        Map<String, BigDecimal> postings = new TreeMap<>();
        jdbc.sql("""
                SELECT t.id, t.tx_key, t.amount, t.currency, t.booking_date, t.match_status, p.id, p.amount
                  FROM bank_transaction t LEFT JOIN posting p ON p.id = t.posting_id
                 WHERE t.match_status IN ('MATCHED', 'ON_ACCOUNT')
                   AND (t.booking_date IS NULL OR t.booking_date <= ?)
                 ORDER BY t.id""")
                .param(d)
                .query(rs -> {
                    String currency = rs.getString(4);
                    booked.computeIfAbsent(currency, c -> new int[1])[0]++;
                    BigDecimal amount = rs.getBigDecimal(3);
                    BigDecimal posted = rs.getBigDecimal(8);
                    transactions.merge(currency, amount, BigDecimal::add);
                    postings.putIfAbsent(currency, BigDecimal.ZERO);
                    String subject = "bank transaction #" + rs.getLong(1) + " " + rs.getString(2) + " "
                            + (rs.getDate(5) == null ? "" : rs.getDate(5).toString());
                    if (rs.getObject(7) == null) {
                        findings.add(new Difference(BANK, subject, amount, rs.getString(4),
                                "marked " + rs.getString(6) + " but no posting is booked for it"));
                        return;
                    }
                    postings.merge(currency, posted.negate(), BigDecimal::add);
                    if (posted.add(amount).signum() != 0) {
                        findings.add(new Difference(BANK, subject, amount.add(posted), rs.getString(4),
                                "the transaction of " + Fmt.amount(amount) + " is booked as posting #" + rs.getLong(7)
                                        + " of " + Fmt.amount(posted.negate())));
                    }
                });
        booked.forEach((currency, n) -> checks.add(new Check(BANK, "Booked transactions vs their postings",
                currency, n[0] + " matched or on-account transaction(s)", transactions.get(currency),
                "their payment postings", postings.get(currency))));
    }

    private void unmatched(LocalDate date, List<Finding> findings) {
        jdbc.sql("""
                SELECT t.id, t.amount, t.currency, t.booking_date, t.payer_name, t.reference, t.text
                  FROM bank_transaction t
                 WHERE t.match_status = 'OPEN' AND (t.booking_date IS NULL OR t.booking_date <= ?)
                 ORDER BY t.booking_date, t.id""")
                .param(Date.valueOf(date))
                .query(rs -> {
                    String ref = rs.getString(6) != null ? "ref " + rs.getString(6) : rs.getString(7);
                    findings.add(new FollowUp(Kind.UNMATCHED_TRANSACTION, "#" + rs.getLong(1)
                            + (rs.getString(5) == null ? "" : " from " + rs.getString(5)),
                            rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), rs.getBigDecimal(2),
                            rs.getString(3), ref == null ? "no reference" : ref));
                });
    }
}
