package org.reskontro.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A payment from before reskontro, imported with the ledger: paid to the named invoices in order, or on
 * account when none is named.
 */
public record HistoricalPayment(LocalDate paymentDate, String customerNo, BigDecimal amount, String currency,
                                List<String> invoiceNos, String reference, int line) {
}
