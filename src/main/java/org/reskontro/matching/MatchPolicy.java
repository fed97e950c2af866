package org.reskontro.matching;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The knobs of the pipeline. {@code tolerance}: the largest shortfall (rounding, a bank fee) settled with a
 * write-off, in any currency that {@code tolerances} does not name (25.00 is sensible for NOK and SEK, far too much
 * for EUR); {@code maxSubsetItems}/{@code maxSubsetSize}: the bounds of the combined-payment search.
 */
public record MatchPolicy(BigDecimal tolerance, Map<String, BigDecimal> tolerances, int maxSubsetItems,
                          int maxSubsetSize) {

    public static final MatchPolicy DEFAULT = new MatchPolicy(new BigDecimal("25.00"), 16, 5);

    public MatchPolicy {
        tolerances = tolerances == null ? Map.of() : Map.copyOf(tolerances);
        if (tolerance.signum() < 0 || tolerances.values().stream().anyMatch(t -> t.signum() < 0)) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
    }

    public MatchPolicy(BigDecimal tolerance, int maxSubsetItems, int maxSubsetSize) {
        this(tolerance, Map.of(), maxSubsetItems, maxSubsetSize);
    }

    /** The largest shortfall written off in this currency. */
    public BigDecimal tolerance(String currency) {
        return tolerances.getOrDefault(currency, tolerance);
    }
}
