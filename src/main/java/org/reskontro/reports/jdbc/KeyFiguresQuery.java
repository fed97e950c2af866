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
import org.reskontro.reports.KeyFigures;
import org.reskontro.reports.LossProvision;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the key figures of a period from the journal and the open items at its end. */
public class KeyFiguresQuery {

    private final JdbcClient jdbc;
    private final AgingQuery aging;
    private final ReportsProperties properties;

    public KeyFiguresQuery(JdbcClient jdbc, AgingQuery aging, ReportsProperties properties) {
        this.jdbc = jdbc;
        this.aging = aging;
        this.properties = properties;
    }

    public KeyFigures keyFigures(LocalDate from, LocalDate to) {
        return keyFigures(from, to, properties.provisionPercent());
    }

    public KeyFigures keyFigures(LocalDate from, LocalDate to, BigDecimal provisionPercent) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
        }
        AgingReport open = aging.aging(to);
        Map<String, BigDecimal> revenue = sums("type IN ('INVOICE', 'CREDIT_NOTE')", from, to);
        // a write-off taken back (its payment returned, or its match undone) is no loss
        Map<String, BigDecimal> losses = sums("(type = 'WRITE_OFF' OR (type = 'REVERSAL' AND reverses_id IN "
                + "(SELECT w.id FROM posting w WHERE w.type = 'WRITE_OFF')))", from, to);
        TreeSet<String> currencies = new TreeSet<>(revenue.keySet());
        currencies.addAll(losses.keySet());
        open.sections().forEach(s -> currencies.add(s.currency()));
        long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
        List<KeyFigures.CurrencyFigures> figures = new ArrayList<>();
        for (String currency : currencies) {
            AgingReport.Section s = open.section(currency);
            BigDecimal receivables = s == null ? BigDecimal.ZERO : s.total().total();
            BigDecimal overdue = s == null ? BigDecimal.ZERO : s.overdue();
            figures.add(new KeyFigures.CurrencyFigures(currency, days, receivables, overdue,
                    revenue.getOrDefault(currency, BigDecimal.ZERO), losses.getOrDefault(currency, BigDecimal.ZERO).negate(),
                    LossProvision.of(currency, receivables, provisionPercent, properties.lossAccount(),
                            properties.provisionAccount())));
        }
        List<KeyFigures.Payment> payments = jdbc.sql("""
                SELECT c.customer_no, c.name, i.currency, i.issue_date, i.due_date, a.allocation_date, a.amount
                  FROM allocation a
                  JOIN posting p ON p.id = a.posting_id
                  JOIN invoice i ON i.id = a.invoice_id
                  JOIN customer c ON c.id = i.customer_id
                 WHERE p.type = 'PAYMENT' AND a.allocation_date BETWEEN ? AND ?
                 ORDER BY c.customer_no, i.currency, a.id""")
                .params(Date.valueOf(from), Date.valueOf(to))
                .query((rs, n) -> new KeyFigures.Payment(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate(),
                        rs.getBigDecimal(7)))
                .list();
        return new KeyFigures(from, to, List.copyOf(figures), KeyFigures.patterns(payments));
    }

    private Map<String, BigDecimal> sums(String where, LocalDate from, LocalDate to) {
        Map<String, BigDecimal> out = new TreeMap<>();
        jdbc.sql("SELECT currency, SUM(amount) FROM posting WHERE " + where
                        + " AND posting_date BETWEEN ? AND ? GROUP BY currency")
                .params(Date.valueOf(from), Date.valueOf(to))
                .query(rs -> {
                    out.put(rs.getString(1), rs.getBigDecimal(2));
                });
        return out;
    }
}
