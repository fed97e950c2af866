package org.reskontro.letters.jdbc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.reskontro.ledger.Country;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.jdbc.LedgerStore;
import org.reskontro.letters.DunningLetter;
import org.reskontro.letters.LetterSafety;
import org.reskontro.letters.LetterTemplates;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds a letter from a customer's open items for template authors ({@code reskontro letters preview}); the
 * items need not be overdue. The dunning run builds the real letters.
 */
public class LetterPreviewQuery {

    /** Statutory late-payment interest in 2024: Norway 12.50 % (forsinkelsesrente), Sweden 12.00 % (4 % + 8). */
    static final BigDecimal NORWEGIAN_RATE = new BigDecimal("12.50");
    static final BigDecimal SWEDISH_RATE = new BigDecimal("12.00");

    private final JdbcClient jdbc;
    private final LedgerStore ledger;

    public LetterPreviewQuery(JdbcClient jdbc, LedgerStore ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /** The letter for the customer at the level (or the highest level of its items, at least 1); empty if unknown. */
    public Optional<DunningLetter> letter(String customerNo, Integer level, LocalDate date) {
        Optional<Customer> found = ledger.customer(customerNo);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Customer c = found.get();
        long customerId = ledger.customerId(customerNo).orElseThrow();
        List<DunningLetter.Item> items = jdbc.sql("""
                SELECT invoice_no, issue_date, due_date, reference, principal_open, fee_open, interest_open, dunning_level
                  FROM invoice
                 WHERE customer_id = ? AND type <> 'CREDIT_NOTE' AND principal_open + fee_open + interest_open > 0
                 ORDER BY due_date, invoice_no""")
                .param(customerId)
                .query((rs, n) -> new DunningLetter.Item(rs.getString(1), rs.getDate(2).toLocalDate(),
                        rs.getDate(3).toLocalDate(), rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6),
                        rs.getBigDecimal(7), rs.getInt(8)))
                .list();
        if (items.isEmpty()) {
            throw new IllegalArgumentException("customer " + customerNo + " has no open items to put in a letter");
        }
        int lvl = level != null ? level
                : Math.max(1, items.stream().mapToInt(DunningLetter.Item::level).max().orElse(1));
        boolean emailFlagged = jdbc.sql("SELECT email_invalid FROM customer WHERE id = ?").param(customerId)
                .query(Boolean.class).single();
        DunningLetter.Channel channel = !emailFlagged && LetterSafety.isValidAddress(c.email())
                ? DunningLetter.Channel.EMAIL : DunningLetter.Channel.PRINT;
        DunningLetter.InterestNotice interest = lvl >= 3
                ? new DunningLetter.InterestNotice(c.country() == Country.SE ? SWEDISH_RATE : NORWEGIAN_RATE,
                items.get(0).dueDate().plusDays(1))
                : null;
        return Optional.of(new DunningLetter(c.customerNo(), c.name(), c.address(), c.email(), c.language(),
                c.country(), c.type(), lvl, LetterTemplates.forLevel(lvl), date, date.plusDays(14), c.currency(), items,
                interest, lvl == 3, channel));
    }
}
