package org.reskontro.dunning.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Reads the overdue snapshot: the open invoices due before the business date with their customers, in customer
 * order, grouped into one {@link CustomerSnapshot} per customer; read in pages of customer id ranges.
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
    /** The id of the last customer of the next page: the page is (after, bound]; none when fewer are left. */
    private static final String PAGE_BOUND = "SELECT id FROM customer WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?";
    /** Pages read ahead of the caller by the reader thread. */
    private static final int READ_AHEAD = 2;

    private final JdbcTemplate jdbc;
    private final int pageCustomers;

    /**
     * @param pageCustomers customers per page of the snapshot ({@code reskontro.dunning.fetch-size}): each page is
     *                      one short query over a customer id range, read on a helper thread ahead of the caller
     */
    public DunningSnapshots(DataSource dataSource, int pageCustomers) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.pageCustomers = Math.max(1, pageCustomers);
    }

    /**
     * Every customer with overdue items on {@code date}, in customer order. The snapshot is read in pages of
     * customers by id range (one short query each, index range scan and a small sort, no cursor held open while
     * the caller works), the next pages on a helper thread while the caller decides and applies this one.
     */
    public void forEach(LocalDate date, Consumer<CustomerSnapshot> consumer) {
        forEachPage(date, page -> page.forEach(consumer));
    }

    /** As {@link #forEach}, a page of customers (in customer order) at a time. */
    public void forEachPage(LocalDate date, Consumer<List<CustomerSnapshot>> consumer) {
        PageReader reader = new PageReader(date);
        Thread thread = new Thread(reader, "dunning-snapshot-reader");
        thread.setDaemon(true);
        thread.start();
        try {
            while (true) {
                List<CustomerSnapshot> page = reader.take();
                if (page == null) {
                    break;
                }
                consumer.accept(page);
            }
        } finally {
            reader.stop();
            thread.interrupt();
        }
    }

    /** Reads the pages in order on its own thread into a small queue; an error is handed to the caller. */
    private final class PageReader implements Runnable {
        private static final List<CustomerSnapshot> END = new ArrayList<>();
        private final LocalDate date;
        private final java.util.concurrent.BlockingQueue<List<CustomerSnapshot>> pages =
                new java.util.concurrent.ArrayBlockingQueue<>(READ_AHEAD);
        private volatile boolean stopped;
        private volatile RuntimeException failure;

        PageReader(LocalDate date) {
            this.date = date;
        }

        @Override
        public void run() {
            try {
                long after = Long.MIN_VALUE;
                boolean more = true;
                while (more && !stopped) {
                    List<Long> bound = jdbc.queryForList(PAGE_BOUND, Long.class, after, pageCustomers - 1);
                    more = !bound.isEmpty();
                    List<CustomerSnapshot> page = more ? range(date, after, bound.get(0)) : range(date, after, null);
                    if (!page.isEmpty()) {
                        pages.put(page);
                    }
                    after = more ? bound.get(0) : after;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                try {
                    if (!stopped) {
                        pages.put(END);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        List<CustomerSnapshot> take() {
            try {
                List<CustomerSnapshot> page = pages.take();
                if (page == END) {
                    if (failure != null) {
                        throw failure;
                    }
                    return null;
                }
                return page;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the dunning snapshot", e);
            }
        }

        void stop() {
            stopped = true;
            pages.clear();
        }
    }

    /** The customers with ids in (after, upTo] (upTo null: no upper bound) with overdue items on the date. */
    List<CustomerSnapshot> range(LocalDate date, long after, Long upTo) {
        List<CustomerSnapshot> out = new ArrayList<>();
        Grouper g = new Grouper(out::add);
        if (upTo == null) {
            jdbc.query(SELECT + " AND i.customer_id > ?" + ORDER, g, Date.valueOf(date), after);
        } else {
            jdbc.query(SELECT + " AND i.customer_id > ? AND i.customer_id <= ?" + ORDER, g, Date.valueOf(date), after,
                    upTo);
        }
        g.flush();
        return out;
    }

    /** One customer's snapshot, read again (under the customer lock) before applying a decision. */
    public CustomerSnapshot one(long customerId, LocalDate date) {
        return of(List.of(customerId), date).get(customerId);
    }

    /** The snapshots of these customers (read again under their locks), by customer id; absent: nothing overdue. */
    public Map<Long, CustomerSnapshot> of(Collection<Long> customerIds, LocalDate date) {
        Map<Long, CustomerSnapshot> out = new HashMap<>();
        List<Long> ids = new ArrayList<>(customerIds);
        for (int from = 0; from < ids.size(); from += IN_LIMIT) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + IN_LIMIT));
            Grouper g = new Grouper(c -> out.put(c.customerId(), c));
            Object[] args = new Object[part.size() + 1];
            args[0] = Date.valueOf(date);
            for (int k = 0; k < part.size(); k++) {
                args[k + 1] = part.get(k);
            }
            jdbc.query(SELECT + " AND i.customer_id IN (" + "?,".repeat(part.size() - 1) + "?)" + ORDER, g, args);
            g.flush();
        }
        return out;
    }

    private static final int IN_LIMIT = 500;

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
