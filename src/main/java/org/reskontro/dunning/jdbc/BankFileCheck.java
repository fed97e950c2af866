package org.reskontro.dunning.jdbc;

import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A dunning run waits for the money: are the bank files up to the day before the business date imported and
 * their transactions matched?
 */
public class BankFileCheck {

    private final JdbcClient jdbc;

    public BankFileCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What is missing before a run for {@code date}; empty when the bank side is up to date. */
    public List<String> problems(LocalDate date) {
        List<String> problems = new ArrayList<>();
        LocalDate previous = previousBankDay(date);
        Date latest = jdbc.sql("SELECT MAX(statement_date) FROM bank_statement").query(Date.class).optional()
                .orElse(null);
        if (latest == null) {
            problems.add("no bank statement imported yet: payments up to " + previous + " may be missing");
        } else if (latest.toLocalDate().isBefore(previous)) {
            problems.add("bank statements are imported up to " + latest + " only, not " + previous
                    + ": payments since then may be missing");
        }
        long open = jdbc.sql("SELECT COUNT(*) FROM bank_transaction WHERE match_status = 'OPEN' AND booking_date < ?")
                .param(Date.valueOf(date)).query(Long.class).single();
        if (open > 0) {
            problems.add(open + " bank transaction(s) booked before " + date + " are not matched yet");
        }
        return problems;
    }

    static LocalDate previousBankDay(LocalDate date) {
        LocalDate d = date.minusDays(1);
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.minusDays(1);
        }
        return d;
    }
}
