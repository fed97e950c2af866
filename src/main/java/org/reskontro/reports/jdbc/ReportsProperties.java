package org.reskontro.reports.jdbc;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Report settings under {@code reskontro.reports.*}: the loss provision's percentage of the outstanding
 * receivables and its accounts (debit loss on receivables, credit provision for losses).
 */
@ConfigurationProperties("reskontro.reports")
public record ReportsProperties(
        @DefaultValue("5") BigDecimal provisionPercent,
        @DefaultValue("7830") String lossAccount,
        @DefaultValue("1580") String provisionAccount) {
}
