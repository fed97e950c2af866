package org.reskontro.matching.jdbc;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;

import org.reskontro.matching.BankPayment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the OPEN transactions booked up to the business date in id order, a page at a time by key
 * ({@code id > last ORDER BY id LIMIT page}). Unlike a streamed cursor it holds no result set open on the server
 * between chunks, so a long index load or a slow chunk can never make the server drop the connection
 * ({@code net_write_timeout}), and a restart simply starts again from the transactions still OPEN.
 */
public class OpenTransactionReader {

    private final JdbcTemplate jdbc;
    private final LocalDate date;
    private final int pageSize;
    private final Deque<BankPayment> page = new ArrayDeque<>();
    private long lastId;
    private boolean exhausted;

    public OpenTransactionReader(JdbcTemplate jdbc, LocalDate date, int pageSize) {
        this.jdbc = jdbc;
        this.date = date;
        this.pageSize = pageSize;
    }

    /** The next open transaction, or null at the end. */
    public BankPayment next() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(jdbc.query("SELECT " + BankPayments.COLUMNS + " FROM bank_transaction "
                            + "WHERE match_status = 'OPEN' AND (booking_date IS NULL OR booking_date <= ?) AND id > ? "
                            + "ORDER BY id LIMIT " + pageSize, BankPayments.MAPPER, java.sql.Date.valueOf(date), lastId));
            exhausted = page.size() < pageSize;
        }
        BankPayment p = page.pollFirst();
        if (p != null) {
            lastId = p.id();
        }
        return p;
    }
}
