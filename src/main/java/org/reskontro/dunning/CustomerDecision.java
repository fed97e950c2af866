package org.reskontro.dunning;

import java.util.List;

import org.reskontro.letters.DunningLetter;

/**
 * What the run does for one customer: a decision per overdue item and, when anything escalates, the one letter
 * of the run listing the customer's overdue items (null otherwise).
 */
public record CustomerDecision(CustomerSnapshot customer, List<ItemDecision> items, DunningLetter letter,
                               List<String> notes) {

    public CustomerDecision {
        items = List.copyOf(items);
        notes = List.copyOf(notes);
    }

    public boolean changesAnything() {
        return letter != null;
    }

    public List<ItemDecision.Escalate> escalations() {
        return items.stream().filter(ItemDecision.Escalate.class::isInstance).map(ItemDecision.Escalate.class::cast)
                .toList();
    }
}
