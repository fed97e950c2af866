package org.reskontro.dunning;

import java.math.BigDecimal;
import java.util.List;

/** What the run does with one overdue item. */
public sealed interface ItemDecision {

    OverdueItem item();

    /** The level the item has after the run. */
    int levelAfter();

    /** Notes for the operator, each naming the rule behind it. */
    List<String> notes();

    /**
     * The item goes to a higher level: a notice, maybe a fee (with the rule that allowed it), the interest
     * accrued so far (posted at collection), and at collection the business compensation.
     */
    record Escalate(OverdueItem item, int levelAfter, BigDecimal fee, String feeRule, BigDecimal interest,
                    BigDecimal compensation, String compensationRule, List<String> notes) implements ItemDecision {
        public Escalate {
            notes = List.copyOf(notes);
        }

        public boolean toCollection() {
            return levelAfter == DunningPolicy.COLLECTION;
        }
    }

    /**
     * The item stays at its level this run; the note says why. The interest accrued so far is computed when the
     * customer gets a letter (zero otherwise).
     */
    record Stay(OverdueItem item, BigDecimal interest, List<String> notes) implements ItemDecision {
        public Stay {
            notes = List.copyOf(notes);
        }

        @Override
        public int levelAfter() {
            return item.level();
        }
    }

    /** The item or its customer is on hold. */
    record OnHold(OverdueItem item, String reason, List<String> notes) implements ItemDecision {
        public OnHold {
            notes = List.copyOf(notes);
        }

        @Override
        public int levelAfter() {
            return item.level();
        }
    }
}
