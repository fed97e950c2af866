package org.reskontro.dunning;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.reskontro.letters.DunningLetter;

/**
 * How the company dunns: four levels (1 reminder, 2 formal reminder, 3 final notice, 4 collection), the days
 * overdue each needs, the days since the previous letter, fee, channel, template and the days to pay the letter
 * gives; the minimum overdue amount per currency; the grace days for payments in transit.
 */
public record DunningPolicy(List<Level> levels, Map<String, BigDecimal> minimumAmount, int graceDays,
                            boolean requireBankFiles, boolean lateInterest, boolean compensationNorway,
                            boolean compensationSweden) {

    public static final int FINAL_NOTICE = 3;
    public static final int COLLECTION = 4;

    public DunningPolicy {
        levels = List.copyOf(levels);
        minimumAmount = Map.copyOf(minimumAmount);
        if (levels.size() != 4) {
            throw new IllegalArgumentException("a dunning policy has exactly four levels (reminder, formal reminder, "
                    + "final notice, collection); got " + levels.size());
        }
        for (int i = 0; i < 4; i++) {
            Level l = levels.get(i);
            if (l.number() != i + 1) {
                throw new IllegalArgumentException("dunning levels are numbered 1 to 4 in order; found " + l.number()
                        + " in place " + (i + 1));
            }
            if (i > 0 && l.minDaysSincePrevious() < 1) {
                throw new IllegalArgumentException("level " + l.number() + " needs at least 1 day since the previous "
                        + "level, so that a second run on the same day never escalates twice");
            }
            if (i > 0 && l.daysOverdue() <= levels.get(i - 1).daysOverdue()) {
                throw new IllegalArgumentException("level " + l.number() + " needs more days overdue ("
                        + l.daysOverdue() + ") than level " + (i) + " (" + levels.get(i - 1).daysOverdue() + ")");
            }
        }
        if (levels.get(0).daysOverdue() < 1) {
            throw new IllegalArgumentException("level 1 needs at least 1 day overdue");
        }
        if (graceDays < 0) {
            throw new IllegalArgumentException("grace days must not be negative");
        }
    }

    /** One dunning level. */
    public record Level(int number, String name, int daysOverdue, int minDaysSincePrevious,
                        Map<String, BigDecimal> fees, DunningLetter.Channel channel, String template,
                        int paymentDays) {
        public Level {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(template, "template");
            fees = Map.copyOf(fees);
            if (daysOverdue < 0 || minDaysSincePrevious < 0 || paymentDays < 0) {
                throw new IllegalArgumentException("level " + number + ": days must not be negative");
            }
        }

        /** The fee in a currency (zero when none is set). */
        public BigDecimal fee(String currency) {
            BigDecimal f = fees.get(currency);
            return f == null ? BigDecimal.ZERO.setScale(2) : f.setScale(2);
        }
    }

    public Level level(int number) {
        return levels.get(number - 1);
    }

    /** The minimum overdue amount in a currency below which nobody is dunned (zero when none is set). */
    public BigDecimal minimum(String currency) {
        BigDecimal m = minimumAmount.get(currency);
        return m == null ? BigDecimal.ZERO : m;
    }

    /**
     * The built-in policy: common Norwegian practice on the article's day boundaries (1-7 reminder, 8-21 formal
     * reminder, 22-45 final notice, over 45 days collection).
     */
    public static DunningPolicy defaults() {
        List<Level> levels = new ArrayList<>();
        levels.add(new Level(1, "reminder", 1, 0, Map.of(), DunningLetter.Channel.EMAIL, "reminder", 7));
        levels.add(new Level(2, "formal reminder", 8, 7,
                Map.of("NOK", new BigDecimal("35.00"), "SEK", new BigDecimal("60.00")),
                DunningLetter.Channel.EMAIL, "formal-reminder", 10));
        levels.add(new Level(3, "final notice", 22, 7,
                Map.of("NOK", new BigDecimal("35.00")), DunningLetter.Channel.EMAIL, "final-notice", 14));
        levels.add(new Level(4, "collection", 46, 1, Map.of(), DunningLetter.Channel.EMAIL, "collection", 0));
        return new DunningPolicy(levels, Map.of("NOK", new BigDecimal("100"), "SEK", new BigDecimal("100")), 2,
                false, true, false, true);
    }
}
