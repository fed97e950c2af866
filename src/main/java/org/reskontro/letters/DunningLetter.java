package org.reskontro.letters;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.reskontro.ledger.Country;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.CustomerType;
import org.reskontro.ledger.Language;

/**
 * Everything a dunning letter shows: one letter per customer per run, listing all of the customer's overdue
 * items at their levels. Built by the dunning run, stored in the outbox in the same transaction as the
 * escalation, rendered and sent by the letters feature.
 *
 * @param level             the highest level among the items; chooses the template
 * @param template          the template name of that level in the policy (e.g. "reminder", "final-notice")
 * @param paymentDeadline   the date the letter asks the customer to pay by
 * @param interest          the late-interest notice (rate and the date it runs from); null when none applies
 * @param collectionWarning true for a final notice (inkassovarsel / inkassovarning)
 * @param channel           EMAIL when the customer has a valid address, else PRINT
 */
public record DunningLetter(
        String customerNo,
        String customerName,
        Customer.PostalAddress address,
        String email,
        Language language,
        Country country,
        CustomerType customerType,
        int level,
        String template,
        LocalDate letterDate,
        LocalDate paymentDeadline,
        String currency,
        List<Item> items,
        InterestNotice interest,
        boolean collectionWarning,
        Channel channel) {

    public DunningLetter {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(letterDate, "letterDate");
        Objects.requireNonNull(paymentDeadline, "paymentDeadline");
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a dunning letter lists at least one item");
        }
    }

    /** One overdue invoice on the letter. Amounts are what is left to pay of each component. */
    public record Item(String invoiceNo, LocalDate issueDate, LocalDate dueDate, String paymentReference,
                       BigDecimal principalLeft, BigDecimal fee, BigDecimal interest, int level) {
        public BigDecimal total() {
            return principalLeft.add(fee).add(interest);
        }
    }

    /** Late interest: the yearly rate in percent and the date from which it runs. */
    public record InterestNotice(BigDecimal ratePercent, LocalDate runsFrom) {
    }

    /** How the letter reaches the customer. */
    public enum Channel { EMAIL, PRINT }

    /** The same letter through another channel (the outbox sends a letter with an unusable address to print). */
    public DunningLetter withChannel(Channel other) {
        return other == channel ? this : new DunningLetter(customerNo, customerName, address, email, language, country,
                customerType, level, template, letterDate, paymentDeadline, currency, items, interest, collectionWarning,
                other);
    }

    public BigDecimal totalPrincipal() {
        return items.stream().map(Item::principalLeft).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalFees() {
        return items.stream().map(Item::fee).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalInterest() {
        return items.stream().map(Item::interest).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal total() {
        return items.stream().map(Item::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
