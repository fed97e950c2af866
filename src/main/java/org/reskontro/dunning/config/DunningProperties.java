package org.reskontro.dunning.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dunning policy under {@code reskontro.dunning} (see config/application.yml and docs/dunning.md). Levels
 * left out use the built-in defaults; a level given replaces the default of the same number field by field.
 */
@ConfigurationProperties("reskontro.dunning")
public record DunningProperties(
        Integer graceDays,
        @DefaultValue("false") boolean requireBankFiles,
        Map<String, BigDecimal> minimumAmount,
        @DefaultValue("true") boolean lateInterest,
        @DefaultValue BusinessCompensation businessCompensation,
        @DefaultValue("2000") int fetchSize,
        @DefaultValue("100") int customersPerTransaction,
        List<Level> levels) {

    /** Whether to claim the fixed compensation between businesses at collection (Norway, Sweden). */
    public record BusinessCompensation(@DefaultValue("false") boolean norway, @DefaultValue("true") boolean sweden) {
    }

    /** One level; null fields keep the default. */
    public record Level(int level, String name, Integer daysOverdue, Integer minDaysSincePrevious,
                        Map<String, BigDecimal> fee, String channel, String template, Integer paymentDays) {
    }
}
