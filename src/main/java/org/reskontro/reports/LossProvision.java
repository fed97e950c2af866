package org.reskontro.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.reskontro.common.Money;

/**
 * A proposed loss provision (tapsavsetning): a percentage of the outstanding receivables, booked as a debit to
 * loss on receivables and a credit to the provision for losses. A proposal only: reskontro never books it.
 */
public record LossProvision(String currency, BigDecimal outstanding, BigDecimal percent, BigDecimal amount,
                            String debitAccount, String creditAccount) {

    public static final String LOSS_ACCOUNT = "7830";
    public static final String PROVISION_ACCOUNT = "1580";

    /** {@code percent} % of {@code outstanding}, rounded half-up to the currency's scale. */
    public static LossProvision of(String currency, BigDecimal outstanding, BigDecimal percent, String debitAccount,
                                   String creditAccount) {
        BigDecimal amount = outstanding.max(BigDecimal.ZERO).multiply(percent)
                .divide(BigDecimal.valueOf(100), Money.scale(currency), RoundingMode.HALF_UP);
        return new LossProvision(currency, outstanding, percent, amount, debitAccount, creditAccount);
    }

    public static LossProvision of(String currency, BigDecimal outstanding, BigDecimal percent) {
        return of(currency, outstanding, percent, LOSS_ACCOUNT, PROVISION_ACCOUNT);
    }
}
