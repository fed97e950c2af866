package org.reskontro.matching.jdbc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The transactions left for a person, with the job's ranked suggestions. */
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

    public List<Item> list(int limit) {
        Map<Long, Item> items = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT id, booking_date, amount, currency, payer_name, reference, text, match_evidence
                  FROM bank_transaction WHERE match_status = 'OPEN' ORDER BY id LIMIT ?""")
                .param(limit)
                .query(rs -> {
                    java.sql.Date d = rs.getDate(2);
                    items.put(rs.getLong(1), new Item(rs.getLong(1), d == null ? null : d.toLocalDate(),
                            rs.getBigDecimal(3).setScale(2, java.math.RoundingMode.HALF_EVEN), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), new ArrayList<>()));
                });
        if (items.isEmpty()) {
            return List.of();
        }
        jdbc.sql("""
                SELECT s.transaction_id, s.suggestion_rank, i.invoice_no, c.customer_no,
                       i.principal_open + i.fee_open + i.interest_open, s.score, s.reason
                  FROM match_suggestion s JOIN invoice i ON i.id = s.invoice_id JOIN customer c ON c.id = i.customer_id
                 WHERE s.transaction_id IN (:ids) ORDER BY s.transaction_id, s.suggestion_rank""")
                .param("ids", items.keySet())
                .query(rs -> {
                    items.get(rs.getLong(1)).suggestions().add(new Listed(rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getBigDecimal(5), rs.getInt(6), rs.getString(7)));
                });
        return new ArrayList<>(items.values());
    }
}
