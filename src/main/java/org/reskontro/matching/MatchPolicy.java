package org.reskontro.matching;

import java.math.BigDecimal;

/**
 * The knobs of the pipeline. {@code tolerance}: the largest shortfall (rounding, a bank fee) settled with a
 * write-off; {@code maxSubsetItems}/{@code maxSubsetSize}: the bounds of the combined-payment search.
 */
public record MatchPolicy(BigDecimal tolerance, int maxSubsetItems, int maxSubsetSize) {

    public static final MatchPolicy DEFAULT = new MatchPolicy(new BigDecimal("25.00"), 16, 5);

    public MatchPolicy {
        if (tolerance.signum() < 0) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
    }
}
