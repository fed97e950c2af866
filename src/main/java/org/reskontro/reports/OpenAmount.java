package org.reskontro.reports;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One invoice's open item (principal + fees + interest) as of a date. */
public record OpenAmount(String customerNo, String customerName, String currency, String invoiceNo,
                         LocalDate issueDate, LocalDate dueDate, BigDecimal amount) {
}
