package org.reskontro.matching.jdbc;

import java.math.BigDecimal;

import org.reskontro.matching.MatchPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code reskontro.matching.*}: the write-off tolerance, the bounds of the combined-payment
 * search, the chunk and fetch sizes of the matching job, and the general-ledger account for write-offs.
 */
@ConfigurationProperties("reskontro.matching")
public record MatchingProperties(
        @DefaultValue("25.00") BigDecimal tolerance,
        @DefaultValue("16") int maxSubsetItems,
        @DefaultValue("5") int maxSubsetSize,
        @DefaultValue("1000") int chunkSize,
        @DefaultValue("5000") int fetchSize,
        @DefaultValue("7830") String writeOffAccount,
        @DefaultValue("true") boolean applyCredit) {

    public MatchPolicy policy() {
        return new MatchPolicy(tolerance, maxSubsetItems, maxSubsetSize);
    }
}
