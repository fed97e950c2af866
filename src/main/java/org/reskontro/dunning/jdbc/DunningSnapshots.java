package org.reskontro.dunning.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.reskontro.common.CustomerRange;
import org.reskontro.dunning.CustomerSnapshot;
import org.reskontro.dunning.OverdueItem;
import org.reskontro.ledger.Country;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.CustomerType;
import org.reskontro.ledger.Language;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Reads the overdue snapshot: one ordered, streamed query over the open invoices due before the business date
 * with their customers, grouped into one {@link CustomerSnapshot} per customer.
 */
public class DunningSnapshots {

    /** The column order is read by position below (1-16 customer, 17-31 invoice). */
    private static final String SELECT = """
            SELECT c.id AS c_id, c.customer_no, c.name, c.org_no, c.country, c.currency AS c_currency, c.language,
                   c.email, c.email_invalid, c.address, c.postal_code, c.city, c.customer_type,
                   c.reminder_fee_agreed, c.hold_reason AS c_hold_reason, c.hold_until AS c_hold_until,
                   i.id AS i_id, i.invoice_no, i.issue_date, i.due_date, i.reference, i.currency AS i_currency,
                   i.principal_open, i.fee_open, i.interest_open, i.dunning_level, i.last_dunning_date,
                   i.hold_reason AS i_hold_reason, i.hold_until AS i_hold_until, i.reminder_fee_count,
                   i.dunning_fee_total
              FROM invoice i JOIN customer c ON c.id = i.customer_id
             WHERE i.status IN ('OPEN', 'PARTIALLY_PAID') AND i.type <> 'CREDIT_NOTE' AND i.due_date < ?
            """;
    private static final String ORDER = " ORDER BY i.customer_id, i.due_date, i.id";

    private final JdbcTemplate streaming;

    public DunningSnapshots(DataSource dataSource, int fetchSize) {
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(fetchSize);
    }

    /** Streams every customer with overdue items on {@code date}, in customer order. */
    public void forEach(LocalDate date, Consumer<CustomerSnapshot> consumer) {
        forEach(date, CustomerRange.ALL, consumer);
    }

    /** As {@link #forEach(LocalDate, Consumer)}, for the customers of one range (a partition, docs/scaling.md). */
    public void forEach(LocalDate date, CustomerRange range, Consumer<CustomerSnapshot> consumer) {
        Grouper g = new Grouper(consumer);
        streaming.query(SELECT + " AND i.customer_id BETWEEN ? AND ?" + ORDER, g, Date.valueOf(date), range.min(),
                range.max());
        g.flush();
    }

    /** The number of overdue items of each customer on {@code date}: the weights of the dunning partitions. */
    public SortedMap<Long, Long> overdueByCustomer(LocalDate date) {
        SortedMap<Long, Long> counts = new TreeMap<>();
        streaming.query("SELECT i.customer_id, COUNT(*) FROM invoice i WHERE i.status IN ('OPEN', 'PARTIALLY_PAID') "
                + "AND i.type <> 'CREDIT_NOTE' AND i.due_date < ? GROUP BY i.customer_id", (RowCallbackHandler) rs -> {
                    counts.put(rs.getLong(1), rs.getLong(2));
                }, Date.valueOf(date));
        return counts;
    }

    /** One customer's snapshot, read again (under the customer lock) before applying a decision. */
    public CustomerSnapshot one(long customerId, LocalDate date) {
        List<CustomerSnapshot> out = new ArrayList<>();
        Grouper g = new Grouper(out::add);
        streaming.query(SELECT + " AND i.customer_id = ?" + ORDER, g, Date.valueOf(date), customerId);
        g.flush();
        return out.isEmpty() ? null : out.get(0);
    }

    private static final class Grouper implements RowCallbackHandler {
        private final Consumer<CustomerSnapshot> consumer;
        private CustomerSnapshot head;
        private final List<OverdueItem> items = new ArrayList<>();

        Grouper(Consumer<CustomerSnapshot> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            long customerId = rs.getLong(1);
            if (head != null && head.customerId() != customerId) {
                flush();
            }
            if (head == null) {
                head = customer(rs);
            }
            items.add(item(rs));
        }

        void flush() {
            if (head != null) {
                CustomerSnapshot c = head;
                consumer.accept(new CustomerSnapshot(c.customerId(), c.customerNo(), c.name(), c.orgNo(), c.country(),
                        c.currency(), c.language(), c.email(), c.emailInvalid(), c.address(), c.type(),
                        c.reminderFeeAgreed(), c.hold(), items));
            }
            head = null;
            items.clear();
        }
    }

    private static CustomerSnapshot customer(ResultSet rs) throws SQLException {
        return new CustomerSnapshot(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Country.parse(rs.getString(5)), rs.getString(6), Language.parse(rs.getString(7)), rs.getString(8),
                rs.getBoolean(9), new Customer.PostalAddress(rs.getString(10), rs.getString(11), rs.getString(12)),
                CustomerType.parse(rs.getString(13)), rs.getBoolean(14), hold(rs.getString(15), rs.getDate(16)),
                List.of());
    }

    private static OverdueItem item(ResultSet rs) throws SQLException {
        return new OverdueItem(rs.getLong(17), rs.getString(18), date(rs.getDate(19)), date(rs.getDate(20)),
                rs.getString(21), rs.getString(22), rs.getBigDecimal(23), rs.getBigDecimal(24), rs.getBigDecimal(25),
                rs.getInt(26), date(rs.getDate(27)), hold(rs.getString(28), rs.getDate(29)), rs.getInt(30),
                nz(rs.getBigDecimal(31)));
    }

    private static Customer.Hold hold(String reason, Date until) {
        return reason == null || reason.isBlank() ? null : new Customer.Hold(reason, date(until));
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static BigDecimal nz(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }
}
