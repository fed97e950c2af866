package org.reskontro.reports.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.reskontro.reports.AgingReport;
import org.reskontro.reports.OpenAmount;
import org.reskontro.reports.OverduePoint;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads open items as of a date. An invoice's open item as of D is its projection
 * ({@code principal_open + fee_open + interest_open}) plus what was allocated to it after D, less what was charged
 * to it after D; invoices issued after D are left out. For D at or after the last posting that is the projection.
 */
public class AgingQuery {

    /** The open item of invoice {@code i} as of the date bound twice to {@code ?}. */
    static final String OPEN_AS_OF = """
            (i.principal_open + i.fee_open + i.interest_open)
              + COALESCE((SELECT SUM(a.amount) FROM allocation a
                           WHERE a.invoice_id = i.id AND a.allocation_date > ?), 0)
              - COALESCE((SELECT SUM(p.amount) FROM posting p
                           WHERE p.invoice_id = i.id AND p.amount > 0 AND p.reverses_id IS NULL
                             AND p.posting_date > ?), 0)""";

    private final JdbcClient jdbc;

    public AgingQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AgingReport aging(LocalDate date) {
        AgingReport.Builder builder = new AgingReport.Builder(date);
        Date d = Date.valueOf(date);
        jdbc.sql("SELECT c.customer_no, c.name, i.currency, i.invoice_no, i.issue_date, i.due_date, " + OPEN_AS_OF
                        + " AS open_amount FROM invoice i JOIN customer c ON c.id = i.customer_id"
                        + " WHERE i.type <> 'CREDIT_NOTE' AND i.issue_date <= ?")
                .params(d, d, d)
                .query(rs -> {
                    builder.add(new OpenAmount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate(), rs.getBigDecimal(7)));
                });
        unallocatedByCurrency(date).forEach(builder::unallocated);
        return builder.build();
    }

    /**
     * Credits (negative postings: payments, credit notes, write-offs) not fully allocated as of the date, per
     * currency: money the customers have on account. A credit the bank returned (reversed) by the date is gone, and
     * what was refunded of it by the date is no longer on account; what was refunded of a payment the bank then
     * returned is owed by the customer (a negative credit).
     */
    public Map<String, BigDecimal> unallocatedByCurrency(LocalDate date) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (UnallocatedCredit u : unallocated(date)) {
            out.merge(u.currency(), u.amount(), BigDecimal::add);
        }
        return out;
    }

    /** A credit posting with a part not allocated to any invoice as of a date. */
    public record UnallocatedCredit(long postingId, String customerNo, String customerName, LocalDate date,
                                    String type, String documentNo, String currency, BigDecimal amount) {
    }

    public List<UnallocatedCredit> unallocated(LocalDate date) {
        Date d = Date.valueOf(date);
        return jdbc.sql("""
                SELECT p.id, c.customer_no, c.name, p.posting_date, p.type, p.document_no, p.currency,
                       CASE WHEN EXISTS (SELECT 1 FROM posting r
                                          WHERE r.reverses_id = p.id AND r.type = 'REVERSAL' AND r.posting_date <= ?)
                            THEN 0
                            ELSE -p.amount - COALESCE((SELECT SUM(a.amount) FROM allocation a
                                                        WHERE a.posting_id = p.id AND a.allocation_date <= ?), 0)
                       END
                       - COALESCE((SELECT SUM(f.amount) FROM posting f
                                    WHERE f.reverses_id = p.id AND f.type = 'REFUND' AND f.posting_date <= ?), 0)
                         AS unallocated
                  FROM posting p JOIN customer c ON c.id = p.customer_id
                 WHERE p.amount < 0 AND p.posting_date <= ?
                 ORDER BY c.customer_no, p.posting_date, p.id""")
                .params(d, d, d, d)
                .query((rs, n) -> new UnallocatedCredit(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4).toLocalDate(), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getBigDecimal(8)))
                .list().stream().filter(u -> u.amount().signum() != 0).toList();
    }

    /**
     * Overdue and open items per currency at each of the eleven month ends before {@code date} and at the date.
     * A currency gets a zero point at the dates before its first invoice and after its last open item.
     */
    public List<OverduePoint> overdueSeries(LocalDate date) {
        List<LocalDate> points = new ArrayList<>();
        for (int m = 11; m >= 1; m--) {
            LocalDate p = date.minusMonths(m);
            points.add(p.withDayOfMonth(p.lengthOfMonth()));
        }
        points.add(date);
        Map<LocalDate, Map<String, OverduePoint>> found = new TreeMap<>();
        java.util.Set<String> currencies = new java.util.TreeSet<>();
        for (LocalDate p : points) {
            Date d = Date.valueOf(p);
            Map<String, OverduePoint> at = found.computeIfAbsent(p, k -> new TreeMap<>());
            jdbc.sql("SELECT currency, SUM(CASE WHEN due_date < ? THEN open_amount ELSE 0 END), SUM(open_amount)"
                            + " FROM (SELECT i.currency, i.due_date, " + OPEN_AS_OF + " AS open_amount"
                            + " FROM invoice i WHERE i.type <> 'CREDIT_NOTE' AND i.issue_date <= ?) o"
                            + " GROUP BY currency ORDER BY currency")
                    .params(d, d, d, d)
                    .query(rs -> {
                        at.put(rs.getString(1), new OverduePoint(p, rs.getString(1), rs.getBigDecimal(2),
                                rs.getBigDecimal(3)));
                        currencies.add(rs.getString(1));
                    });
        }
        List<OverduePoint> out = new ArrayList<>();
        for (String currency : currencies) {
            boolean started = false;
            for (LocalDate p : points) {
                OverduePoint point = found.get(p).get(currency);
                started |= point != null;
                if (started) {
                    out.add(point != null ? point : new OverduePoint(p, currency, BigDecimal.ZERO, BigDecimal.ZERO));
                }
            }
        }
        return out;
    }
}
