package org.reskontro.matching.jdbc;

import java.math.BigDecimal;
import java.util.Map;

import org.reskontro.matching.MatchPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code reskontro.matching.*}: the write-off tolerance (and per currency, {@code tolerances}), the bounds of the combined-payment
 * search, the chunk and fetch sizes of the matching job, the connections a partition writes over, and the
 * general-ledger account for write-offs.
 */
@ConfigurationProperties("reskontro.matching")
public record MatchingProperties(
        @DefaultValue("25.00") BigDecimal tolerance,
        @DefaultValue("16") int maxSubsetItems,
        @DefaultValue("5") int maxSubsetSize,
        @DefaultValue("5000") int chunkSize,
        @DefaultValue("5000") int fetchSize,
        @DefaultValue("7830") String writeOffAccount,
        @DefaultValue("true") boolean applyCredit,
        @DefaultValue("0") int writeConnections,
        Map<String, BigDecimal> tolerances) {

    /**
     * The connections a matching partition writes each chunk over at once ({@code write-connections}); 0: two when
     * the step runs as one partition ({@code gridSize} 1), so that the database works on a second core, else one
     * (the partitions themselves already write side by side).
     */
    public int writeConnections(int gridSize) {
        return writeConnections > 0 ? writeConnections : gridSize == 1 ? 2 : 1;
    }

    public MatchPolicy policy() {
        return new MatchPolicy(tolerance, tolerances, maxSubsetItems, maxSubsetSize);
    }
}
