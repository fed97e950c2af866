package org.reskontro.bankfile;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One bank transaction as the file states it. {@code amount} is signed: money in positive, money out
 * negative, at the scale written in the file.
 */
public record BankTransaction(
        BigDecimal amount,
        String currency,
        LocalDate bookingDate,
        LocalDate valueDate,
        String reference,
        String endToEndId,
        String bankReference,
        String payerName,
        String payerAccount,
        String text,
        boolean reversal) {
}
