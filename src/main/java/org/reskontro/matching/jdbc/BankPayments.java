package org.reskontro.matching.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

import org.reskontro.common.Money;
import org.reskontro.matching.BankPayment;
import org.springframework.jdbc.core.RowMapper;

/** Reads bank transactions as {@link BankPayment}s. */
public final class BankPayments {

    public static final String COLUMNS = "id, amount, currency, booking_date, reference, end_to_end_id, bank_reference, "
            + "payer_name, payer_account, text, reversal";

    /** {@link #COLUMNS}, each of the table aliased {@code alias}. */
    static String columns(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    /** Open transactions booked on or before the business date that the job decides (none undone by a person), in id order. */
    public static final String OPEN_SQL = "SELECT " + COLUMNS + " FROM bank_transaction "
            + "WHERE match_status = 'OPEN' AND match_round = 0 AND (booking_date IS NULL OR booking_date <= ?) ORDER BY id";

    public static final RowMapper<BankPayment> MAPPER = BankPayments::map;

    private BankPayments() {
    }

    static BankPayment map(ResultSet rs, int i) throws SQLException {
        String currency = rs.getString(3);
        BigDecimal amount = rs.getBigDecimal(2);
        try {
            amount = Money.of(amount, currency);
        } catch (ArithmeticException e) {
            // fractions of a minor unit: kept as written; no open item equals it, so a person decides
        }
        // as LocalDate straight from the driver: getDate built a java.sql.Date through a Calendar for every row
        LocalDate booking = rs.getObject(4, LocalDate.class);
        return new BankPayment(rs.getLong(1), amount, currency, booking,
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getBoolean(11));
    }
}
