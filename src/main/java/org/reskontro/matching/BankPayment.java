package org.reskontro.matching;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A bank transaction as the matcher sees it. Amount signed: money in is positive. */
public record BankPayment(long id, BigDecimal amount, String currency, LocalDate bookingDate, String reference,
                          String endToEndId, String bankReference, String payerName, String payerAccount,
                          String text, boolean reversal) {
}
