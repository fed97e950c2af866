package org.reskontro.bankfile;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The header of one statement (camt {@code Stmt}/{@code Ntfctn}, Nets OCR assignment, BgMax section), known in
 * full when its last transaction has been read.
 *
 * @param key           identity of the statement across files (see docs/file-formats.md)
 * @param sequenceNo    camt {@code ElctrncSeqNb}, OCR/BgMax: null
 * @param count         transactions in the statement
 * @param sum           signed sum of their amounts
 */
public record BankStatement(
        String format,
        String key,
        String id,
        String account,
        String currency,
        BigDecimal openingBalance,
        BigDecimal closingBalance,
        Long sequenceNo,
        LocalDate statementDate,
        long count,
        BigDecimal sum) {

    /** True when there are both balances and opening + entries differs from closing. */
    public boolean unbalanced() {
        return openingBalance != null && closingBalance != null
                && openingBalance.add(sum).compareTo(closingBalance) != 0;
    }
}
