package org.reskontro.matching;

import java.math.BigDecimal;
import java.util.List;

/** What the pipeline decided for one transaction. */
public sealed interface Decision {

    /**
     * An automatic match: the payment is allocated to the invoices in this order (fees, interest, then principal
     * of each); what is left stays on the customer's account. A positive {@code writeOff} settles the shortfall
     * of the last invoice within the configured tolerance.
     */
    record Matched(MatchRule rule, long customerId, List<Long> invoiceIds, BigDecimal writeOff, String evidence)
            implements Decision {
        public Matched {
            invoiceIds = List.copyOf(invoiceIds);
        }
    }

    /** Left for a person, with up to three ranked suggestions and the reason no rule decided. */
    record Unmatched(String reason, List<Suggestion> suggestions) implements Decision {
        public Unmatched {
            suggestions = List.copyOf(suggestions);
        }
    }

    /** An outgoing payment (a debit that returns no earlier payment): not a customer payment. */
    record Outgoing(String evidence) implements Decision {
    }

    /** A reversal or a return of an earlier payment: the adapter finds and undoes the allocation. */
    record Reversal(String evidence) implements Decision {
    }
}
