package org.reskontro.dunning.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import org.reskontro.common.CustomerRange;
import org.reskontro.common.DaemonThreads;
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

    /**
     * The overdue invoices (1 customer id, 2-16 the item), in no particular order: the rows are grouped and sorted
     * here, so the database does no join and no sort (a quarter less of its CPU per page, measured at 1,000,000).
     */
    private static final String INVOICES = """
            SELECT i.customer_id, i.id, i.invoice_no, i.issue_date, i.due_date, i.reference, i.currency,
                   i.principal_open, i.fee_open, i.interest_open, i.dunning_level, i.last_dunning_date,
                   i.hold_reason, i.hold_until, i.reminder_fee_count, i.dunning_fee_total
              FROM invoice i
             WHERE i.status IN ('OPEN', 'PARTIALLY_PAID') AND i.type <> 'CREDIT_NOTE' AND i.due_date < ?""";
    /** The customers of those invoices; the column order is read by position below. */
    private static final String CUSTOMERS = """
            SELECT c.id, c.customer_no, c.name, c.org_no, c.country, c.currency, c.language,
                   c.email, c.email_invalid, c.address, c.postal_code, c.city, c.customer_type,
                   c.reminder_fee_agreed, c.hold_reason, c.hold_until
              FROM customer c WHERE c.id IN (""";
    /** Items in the order the decider and the letter list them: by due date, then invoice. */
    private static final Comparator<OverdueItem> ITEM_ORDER = Comparator.comparing(OverdueItem::dueDate)
            .thenComparingLong(OverdueItem::invoiceId);
    /** The id of the last customer of the next page: the page is (after, bound]; none when fewer are left. */
    private static final String PAGE_BOUND = "SELECT id FROM customer WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?";
    /** Threads reading pages, and pages read ahead of the caller. */
    private static final int READERS = 2;
    private static final int READ_AHEAD = 3;

    private final JdbcTemplate jdbc;
    private final int pageCustomers;

    /**
     * @param pageCustomers customers per page of the snapshot ({@code reskontro.dunning.fetch-size}): each page is
     *                      one short query over a customer id range, read on reader threads ahead of the caller
     */
    public DunningSnapshots(DataSource dataSource, int pageCustomers) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.pageCustomers = Math.max(1, pageCustomers);
    }

    /**
     * Every customer with overdue items on {@code date}, in customer order. The snapshot is read in pages of
     * customers by id range (one short query each, index range scan and a small sort, no cursor held open while
     * the caller works), the next pages on reader threads while the caller decides and applies this one.
     */
    public void forEach(LocalDate date, Consumer<CustomerSnapshot> consumer) {
        forEachPage(date, page -> page, page -> page.forEach(consumer));
    }

    /**
     * As {@link #forEach}, a page of customers (in customer order) at a time. This thread finds the pages' bounds
     * (a short primary-key range scan each); {@value #READERS} reader threads read up to {@value #READ_AHEAD} pages
     * ahead, so the database works on two pages at once while the caller decides and applies the current one.
     */
    public void forEachPage(LocalDate date, Consumer<List<CustomerSnapshot>> consumer) {
        forEachPage(date, page -> page, consumer);
    }

    /**
     * As {@link #forEachPage(LocalDate, Consumer)}, with {@code onReader} applied to each page on the reader thread
     * that read it (it must be thread-safe, e.g. deciding every customer of the page with a pure function), and
     * {@code consumer} given the results on this thread in customer order.
     */
    public <T> void forEachPage(LocalDate date, Function<List<CustomerSnapshot>, T> onReader, Consumer<T> consumer) {
        forEachPage(date, CustomerRange.ALL, onReader, consumer);
    }

    /** As {@link #forEachPage(LocalDate, Function, Consumer)}, for the customers of one range (a partition). */
    public <T> void forEachPage(LocalDate date, CustomerRange range, Function<List<CustomerSnapshot>, T> onReader,
                                Consumer<T> consumer) {
        ExecutorService readers = Executors.newFixedThreadPool(READERS, DaemonThreads.named("dunning-snapshot-reader"));
        ArrayDeque<Future<T>> ahead = new ArrayDeque<>();
        try {
            long after = range.min() == Long.MIN_VALUE ? Long.MIN_VALUE : range.min() - 1;
            boolean more = true;
            while (more || !ahead.isEmpty()) {
                while (more && ahead.size() < READ_AHEAD) {
                    List<Long> bound = jdbc.queryForList(PAGE_BOUND, Long.class, after, pageCustomers - 1);
                    long from = after;
                    Long next = bound.isEmpty() ? null : bound.get(0);
                    boolean last = next == null;
                    if (range.max() != Long.MAX_VALUE && (next == null || next >= range.max())) {
                        next = range.max(); // the range's end closes its last page
                        last = true;
                    }
                    Long upTo = next;
                    ahead.add(readers.submit(() -> {
                        List<CustomerSnapshot> page = range(date, from, upTo);
                        return page.isEmpty() ? null : onReader.apply(page);
                    }));
                    more = !last;
                    after = more ? upTo : after;
                }
                T page = page(ahead.removeFirst());
                if (page != null) {
                    consumer.accept(page);
                }
            }
        } finally {
            readers.shutdownNow();
        }
    }

    private static <T> T page(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("could not read the dunning snapshot: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the dunning snapshot", e);
        }
    }

    /** The customers with ids in (after, upTo] (upTo null: no upper bound) with overdue items on the date. */
    List<CustomerSnapshot> range(LocalDate date, long after, Long upTo) {
        return upTo == null
                ? snapshots(INVOICES + " AND i.customer_id > ?", Date.valueOf(date), after)
                : snapshots(INVOICES + " AND i.customer_id > ? AND i.customer_id <= ?", Date.valueOf(date), after, upTo);
    }

    /** The number of overdue items of each customer on {@code date}: the weights of the dunning partitions. */
    public SortedMap<Long, Long> overdueByCustomer(LocalDate date) {
        SortedMap<Long, Long> counts = new TreeMap<>();
        jdbc.query("SELECT i.customer_id, COUNT(*) FROM invoice i WHERE i.status IN ('OPEN', 'PARTIALLY_PAID') "
                + "AND i.type <> 'CREDIT_NOTE' AND i.due_date < ? GROUP BY i.customer_id", (RowCallbackHandler) rs -> {
                    counts.put(rs.getLong(1), rs.getLong(2));
                }, Date.valueOf(date));
        return counts;
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
            Object[] args = new Object[part.size() + 1];
            args[0] = Date.valueOf(date);
            for (int k = 0; k < part.size(); k++) {
                args[k + 1] = part.get(k);
            }
            for (CustomerSnapshot c : snapshots(INVOICES + " AND i.customer_id IN (" + marks(part.size()) + ")", args)) {
                out.put(c.customerId(), c);
            }
        }
        return out;
    }

    private static final int IN_LIMIT = 500;

    /** The overdue invoices the query selects, with their customers, grouped per customer in customer order. */
    private List<CustomerSnapshot> snapshots(String invoiceQuery, Object... args) {
        TreeMap<Long, List<OverdueItem>> items = new TreeMap<>();
        jdbc.query(invoiceQuery, (RowCallbackHandler) rs ->
                items.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>(4)).add(item(rs)), args);
        if (items.isEmpty()) {
            return List.of();
        }
        Map<Long, CustomerSnapshot> customers = new HashMap<>();
        List<Long> ids = new ArrayList<>(items.keySet());
        for (int from = 0; from < ids.size(); from += CUSTOMER_IN_LIMIT) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + CUSTOMER_IN_LIMIT));
            jdbc.query(CUSTOMERS + marks(part.size()) + ")", (RowCallbackHandler) rs -> {
                CustomerSnapshot c = customer(rs);
                customers.put(c.customerId(), c);
            }, part.toArray());
        }
        List<CustomerSnapshot> out = new ArrayList<>(items.size());
        items.forEach((id, list) -> {
            CustomerSnapshot c = customers.get(id);
            if (c == null) {
                return; // cannot happen (foreign key); a customer row is never deleted while it has invoices
            }
            list.sort(ITEM_ORDER);
            out.add(new CustomerSnapshot(c.customerId(), c.customerNo(), c.name(), c.orgNo(), c.country(),
                    c.currency(), c.language(), c.email(), c.emailInvalid(), c.address(), c.type(),
                    c.reminderFeeAgreed(), c.hold(), list));
        });
        return out;
    }

    private static final int CUSTOMER_IN_LIMIT = 1000;

    private static String marks(int n) {
        return "?,".repeat(n - 1) + "?";
    }

    private static CustomerSnapshot customer(ResultSet rs) throws SQLException {
        return new CustomerSnapshot(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Country.parse(rs.getString(5)), rs.getString(6), Language.parse(rs.getString(7)), rs.getString(8),
                rs.getBoolean(9), new Customer.PostalAddress(rs.getString(10), rs.getString(11), rs.getString(12)),
                CustomerType.parse(rs.getString(13)), rs.getBoolean(14), hold(rs.getString(15), date(rs, 16)),
                List.of());
    }

    private static OverdueItem item(ResultSet rs) throws SQLException {
        return new OverdueItem(rs.getLong(2), rs.getString(3), date(rs, 4), date(rs, 5),
                rs.getString(6), rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                rs.getInt(11), date(rs, 12), hold(rs.getString(13), date(rs, 14)), rs.getInt(15),
                nz(rs.getBigDecimal(16)));
    }

    private static Customer.Hold hold(String reason, LocalDate until) {
        return reason == null || reason.isBlank() ? null : new Customer.Hold(reason, until);
    }

    /** A DATE column as a LocalDate, without going through java.sql.Date and a Calendar (a third of the read). */
    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static BigDecimal nz(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }
}
