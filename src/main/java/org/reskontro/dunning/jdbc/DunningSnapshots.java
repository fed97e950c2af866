package org.reskontro.dunning.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

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
        Grouper g = new Grouper(consumer);
        streaming.query(SELECT + ORDER, g, Date.valueOf(date));
        g.flush();
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
            long customerId = rs.getLong("c_id");
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
        return new CustomerSnapshot(rs.getLong("c_id"), rs.getString("customer_no"), rs.getString("name"),
                rs.getString("org_no"), Country.parse(rs.getString("country")), rs.getString("c_currency"),
                Language.parse(rs.getString("language")), rs.getString("email"), rs.getBoolean("email_invalid"),
                new Customer.PostalAddress(rs.getString("address"), rs.getString("postal_code"), rs.getString("city")),
                CustomerType.parse(rs.getString("customer_type")), rs.getBoolean("reminder_fee_agreed"),
                hold(rs.getString("c_hold_reason"), rs.getDate("c_hold_until")), List.of());
    }

    private static OverdueItem item(ResultSet rs) throws SQLException {
        return new OverdueItem(rs.getLong("i_id"), rs.getString("invoice_no"), date(rs.getDate("issue_date")),
                date(rs.getDate("due_date")), rs.getString("reference"), rs.getString("i_currency"),
                rs.getBigDecimal("principal_open"), rs.getBigDecimal("fee_open"), rs.getBigDecimal("interest_open"),
                rs.getInt("dunning_level"), date(rs.getDate("last_dunning_date")),
                hold(rs.getString("i_hold_reason"), rs.getDate("i_hold_until")), rs.getInt("reminder_fee_count"),
                nz(rs.getBigDecimal("dunning_fee_total")));
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
