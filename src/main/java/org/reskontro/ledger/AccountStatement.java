package org.reskontro.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's account statement: every posting in date order with the running balance, as the
 * Norwegian article's Byggmester Hansen example shows it.
 */
public record AccountStatement(String customerNo, String customerName, String currency, List<Line> lines) {

    /** One posting on the statement. */
    public record Line(LocalDate date, PostingType type, String document, String text, BigDecimal amount,
                       BigDecimal balance) {
        public BigDecimal debit() {
            return amount.signum() > 0 ? amount : BigDecimal.ZERO;
        }

        public BigDecimal credit() {
            return amount.signum() < 0 ? amount.negate() : BigDecimal.ZERO;
        }
    }

    /** A posting as read from the journal, before the running balance is added. */
    public record Entry(LocalDate date, PostingType type, String document, String text, BigDecimal amount) {
    }

    /** Builds the statement from journal entries that are already in posting order. */
    public static AccountStatement of(String customerNo, String name, String currency, List<Entry> entries) {
        List<Line> lines = new ArrayList<>(entries.size());
        BigDecimal balance = BigDecimal.ZERO;
        for (Entry e : entries) {
            balance = balance.add(e.amount());
            lines.add(new Line(e.date(), e.type(), e.document(), e.text(), e.amount(), balance));
        }
        return new AccountStatement(customerNo, name, currency, List.copyOf(lines));
    }

    public BigDecimal balance() {
        return lines.isEmpty() ? BigDecimal.ZERO : lines.get(lines.size() - 1).balance();
    }
}
