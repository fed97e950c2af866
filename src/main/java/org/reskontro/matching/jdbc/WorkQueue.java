package org.reskontro.matching.jdbc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.reskontro.common.Money;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The transactions left for a person, with the job's ranked suggestions, and the whole story of one transaction. */
public class WorkQueue {

    private final JdbcClient jdbc;

    public WorkQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One suggestion as listed. */
    public record Listed(int rank, String invoiceNo, String customerNo, BigDecimal open, int score, String why) {
    }

    /** One open transaction. */
    public record Item(long id, LocalDate bookingDate, BigDecimal amount, String currency, String payerName,
                       String reference, String text, String reason, List<Listed> suggestions) {
    }

    /**
     * Which open transactions to list: text found in the payer's name, the reference or the free text (any case);
     * an amount range and a currency; a booking date range; largest amounts first instead of oldest first. Null means
     * no condition.
     */
    public record Filter(String search, BigDecimal minAmount, BigDecimal maxAmount, String currency, LocalDate from,
                         LocalDate to, boolean largestFirst, int limit) {
    }

    /** How many open transactions a filter finds in a currency, and their sum. */
    public record Total(String currency, long count, BigDecimal amount) {
    }

    /** At most {@code limit} of the transactions a filter finds, and the totals of all it finds. */
    public record Page(List<Item> items, List<Total> totals) {
    }

    public Page list(Filter f) {
        StringBuilder where = new StringBuilder("match_status = 'OPEN'");
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.search() != null && !f.search().isBlank()) {
            where.append(" AND (LOWER(COALESCE(payer_name, '')) LIKE :q ESCAPE '!'"
                    + " OR LOWER(COALESCE(reference, '')) LIKE :q ESCAPE '!'"
                    + " OR LOWER(COALESCE(text, '')) LIKE :q ESCAPE '!')");
            params.put("q", "%" + f.search().strip().toLowerCase(java.util.Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        condition(where, params, f.minAmount(), "amount >= :min", "min");
        condition(where, params, f.maxAmount(), "amount <= :max", "max");
        condition(where, params, f.currency() == null ? null : f.currency().strip().toUpperCase(java.util.Locale.ROOT),
                "currency = :currency", "currency");
        condition(where, params, f.from() == null ? null : java.sql.Date.valueOf(f.from()), "booking_date >= :from", "from");
        condition(where, params, f.to() == null ? null : java.sql.Date.valueOf(f.to()), "booking_date <= :to", "to");
        Map<Long, Item> items = new LinkedHashMap<>();
        jdbc.sql("SELECT id, booking_date, amount, currency, payer_name, reference, text, match_evidence"
                        + " FROM bank_transaction WHERE " + where + " ORDER BY "
                        + (f.largestFirst() ? "amount DESC, id" : "id") + " LIMIT :limit")
                .params(params)
                .param("limit", f.limit())
                .query(rs -> {
                    java.sql.Date d = rs.getDate(2);
                    items.put(rs.getLong(1), new Item(rs.getLong(1), d == null ? null : d.toLocalDate(),
                            Money.atScaleIfExact(rs.getBigDecimal(3), rs.getString(4)), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), new ArrayList<>()));
                });
        List<Total> totals = jdbc.sql("SELECT currency, COUNT(*), SUM(amount) FROM bank_transaction WHERE " + where
                        + " GROUP BY currency ORDER BY currency")
                .params(params)
                .query((rs, i) -> new Total(rs.getString(1), rs.getLong(2),
                        Money.atScaleIfExact(rs.getBigDecimal(3), rs.getString(1))))
                .list();
        if (!items.isEmpty()) {
            suggestions(items.keySet(), (id, listed) -> items.get(id).suggestions().add(listed));
        }
        return new Page(new ArrayList<>(items.values()), totals);
    }

    private static void condition(StringBuilder where, Map<String, Object> params, Object value, String sql,
                                  String name) {
        if (value != null) {
            where.append(" AND ").append(sql);
            params.put(name, value);
        }
    }

    /** The ranked suggestions of these transactions, in rank order, each handed over with its transaction's id. */
    private void suggestions(Collection<Long> transactionIds, BiConsumer<Long, Listed> to) {
        jdbc.sql("""
                SELECT s.transaction_id, s.suggestion_rank, i.invoice_no, c.customer_no,
                       i.principal_open + i.fee_open + i.interest_open, s.score, s.reason
                  FROM match_suggestion s JOIN invoice i ON i.id = s.invoice_id JOIN customer c ON c.id = i.customer_id
                 WHERE s.transaction_id IN (:ids) ORDER BY s.transaction_id, s.suggestion_rank""")
                .param("ids", transactionIds)
                .query(rs -> {
                    to.accept(rs.getLong(1), new Listed(rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getBigDecimal(5), rs.getInt(6), rs.getString(7)));
                });
    }

    /** A posting booked for a transaction: its payment, write-off, and their reversals (an undo, a bank return). */
    public record Booked(long postingId, LocalDate date, String type, BigDecimal amount, String currency, String key,
                         Long reverses, List<String> allocations) {
    }

    /** An entry of the audit log about a transaction. */
    public record Audited(String at, String actor, String action, String details) {
    }

    /** One transaction: what the bank sent, what was decided, what was booked, and who did what. */
    public record Detail(long id, LocalDate bookingDate, BigDecimal amount, String currency, String payerName,
                         String payerAccount, String reference, String text, String status, String rule,
                         String evidence, String ignoredReason, int undone, String customerNo, List<Listed> suggestions,
                         List<Booked> postings, List<Audited> audit) {
    }

    public Optional<Detail> show(long id) {
        Optional<Detail> found = jdbc.sql("""
                SELECT t.id, t.booking_date, t.amount, t.currency, t.payer_name, t.payer_account, t.reference, t.text,
                       t.match_status, t.match_rule, t.match_evidence, t.ignored_reason, t.match_round, c.customer_no
                  FROM bank_transaction t LEFT JOIN customer c ON c.id = t.customer_id WHERE t.id = ?""")
                .param(id)
                .query((rs, i) -> {
                    java.sql.Date d = rs.getDate(2);
                    return new Detail(rs.getLong(1), d == null ? null : d.toLocalDate(),
                            Money.atScaleIfExact(rs.getBigDecimal(3), rs.getString(4)), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getString(11), rs.getString(12), rs.getInt(13), rs.getString(14), new ArrayList<>(),
                            new ArrayList<>(), new ArrayList<>());
                }).optional();
        found.ifPresent(this::complete);
        return found;
    }

    private void complete(Detail t) {
        suggestions(List.of(t.id()), (id, listed) -> t.suggestions().add(listed));
        // its own postings (bank-tx:<id>, /write-off, /<round> after an undo), the undos' reversals, and a bank
        // return's reversals of them (keyed by the return)
        String own = "bank-tx:" + t.id();
        Map<Long, Booked> postings = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT p.id, p.posting_date, p.type, p.amount, p.currency, p.idem_key, p.reverses_id FROM posting p
                 WHERE p.idem_key = :own OR p.idem_key LIKE :mine OR p.idem_key LIKE :undo
                    OR p.reverses_id IN (SELECT o.id FROM posting o WHERE o.idem_key = :own OR o.idem_key LIKE :mine)
                 ORDER BY p.id""")
                .param("own", own).param("mine", own + "/%").param("undo", "undo:" + own + "/%")
                .query(rs -> {
                    Long reverses = rs.getObject(7, Long.class);
                    postings.put(rs.getLong(1), new Booked(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3),
                            rs.getBigDecimal(4), rs.getString(5), rs.getString(6), reverses, new ArrayList<>()));
                });
        if (!postings.isEmpty()) {
            jdbc.sql("""
                    SELECT a.posting_id, i.invoice_no, a.component, a.amount, a.allocation_date
                      FROM allocation a JOIN invoice i ON i.id = a.invoice_id
                     WHERE a.posting_id IN (:ids) ORDER BY a.id""")
                    .param("ids", postings.keySet())
                    .query(rs -> {
                        postings.get(rs.getLong(1)).allocations().add(rs.getString(2) + " " + rs.getString(3) + " "
                                + rs.getBigDecimal(4).toPlainString() + " on " + rs.getDate(5).toLocalDate());
                    });
        }
        t.postings().addAll(postings.values());
        jdbc.sql("""
                SELECT occurred_at, actor, action, details FROM audit_log
                 WHERE details LIKE ? OR details LIKE ? ORDER BY id""")
                .params("bank transaction " + t.id() + " %", "bank transaction " + t.id() + ":%")
                .query(rs -> {
                    t.audit().add(new Audited(String.valueOf(rs.getTimestamp(1).toLocalDateTime()), rs.getString(2),
                            rs.getString(3), rs.getString(4)));
                });
    }
}
