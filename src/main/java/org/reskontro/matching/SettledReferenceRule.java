package org.reskontro.matching;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.reskontro.ledger.InvoiceStatus;
import org.reskontro.ledger.PaymentReferences;

/**
 * Rule 7 ({@link MatchRule#SETTLED_REFERENCE}): a payment whose references name only invoices no longer open is the
 * money of their customer, kept on the account, when nothing else it shows points elsewhere. See
 * {@link Matcher#settledReference}.
 */
final class SettledReferenceRule {

    private SettledReferenceRule() {
    }

    static Decision decide(BankPayment p, MatchIndex idx, Decision.Unmatched open,
                           Map<String, List<SettledInvoice>> ledger, Long onlyCustomer) {
        if (p.amount().signum() <= 0) {
            return open;
        }
        // the references it shows, in the field or the text: settled tonight (the index) or before (the ledger)
        List<String> refs = new ArrayList<>();
        List<SettledInvoice> found = new ArrayList<>();
        String field = Keys.reference(p.reference());
        List<OpenInvoice> shown = new ArrayList<>(TextReferences.in(p.text(), idx, false));
        OpenInvoice byField = field != null && PaymentReferences.isValid(field) ? idx.byReference(field) : null;
        if (byField != null) {
            shown.add(0, byField);
        }
        for (OpenInvoice inv : shown) {
            if (inv.isOpen()) {
                return open;
            }
            if (!refs.contains(inv.reference())) {
                refs.add(inv.reference());
                found.add(new SettledInvoice(inv.id(), inv.invoiceNo(), inv.customerId(), inv.currency(),
                        InvoiceStatus.PAID));
            }
        }
        for (Map.Entry<String, List<SettledInvoice>> e : ledger.entrySet()) {
            refs.add(e.getKey());
            found.addAll(e.getValue());
        }
        if (found.isEmpty()) {
            return open;
        }
        String ref = String.join(", ", refs);
        Set<Long> customers = new LinkedHashSet<>();
        List<String> numbers = new ArrayList<>();
        for (SettledInvoice s : found) {
            customers.add(s.customerId());
            numbers.add(s.invoiceNo());
        }
        if (customers.size() > 1) {
            return noted(open, "the reference " + ref + " names " + String.join(", ", numbers)
                    + " of different customers, none of them open");
        }
        long c = customers.iterator().next();
        String what = "reference " + ref + " = " + String.join(", ", numbers) + " (customer " + Matcher.customerNo(idx, c) + ")";
        boolean credited = true;
        for (SettledInvoice s : found) {
            if (!s.currency().equals(p.currency())) {
                return noted(open, what + " is in " + s.currency() + " and no longer open");
            }
            if (s.status() == InvoiceStatus.WRITTEN_OFF) {
                return noted(open, what + " was written off as a loss: a payment on it recovers the loss, which a "
                        + "person books");
            }
            if (s.status() != InvoiceStatus.PAID && s.status() != InvoiceStatus.CREDITED) {
                return open;
            }
            credited &= s.status() == InvoiceStatus.CREDITED;
        }
        String settled = what + " is already " + (credited ? "credited" : "paid");
        Set<Long> others = new MatchRouter().candidates(p, idx);
        if (p.payerAccount() != null && idx.customerByAccount(p.payerAccount()) != null) {
            others.add(idx.customerByAccount(p.payerAccount()));
        }
        if (onlyCustomer != null) {
            others.add(onlyCustomer);
        }
        others.remove(c);
        if (!others.isEmpty()) {
            return noted(open, settled + ", but the payment also points to customer "
                    + Matcher.customerNo(idx, others.iterator().next()));
        }
        return new Decision.Matched(MatchRule.SETTLED_REFERENCE, c, List.of(), BigDecimal.ZERO,
                Matcher.evidence(settled + ": a second payment, kept on the customer's account"));
    }

    private static Decision.Unmatched noted(Decision.Unmatched open, String note) {
        return new Decision.Unmatched(Matcher.evidence(open.reason() + "; " + note), open.suggestions());
    }
}
