package org.reskontro.matching;

import java.util.LinkedHashSet;
import java.util.Set;

import org.reskontro.ledger.PaymentReferences;

/**
 * Routes a payment to the one customer whose ledger its decision can touch, before any matching is done, so that
 * customers can be matched in independent partitions (docs/scaling.md). The candidates are everything the {@link
 * Matcher} may look at for the payment, taken from evidence that the run itself does not change: the customer of the
 * invoice its structured reference names and of the invoices one digit away from it, of every invoice number its
 * text or broken reference could name, of every reference written in its text, of its payer account as known before
 * the run, of an organisation number in its text and of its name. Invoices count whether still open or not, since a
 * partition settles them as it goes. One candidate: the payment belongs to that customer's partition. None or
 * several, and every payment out of the account (a reversal may touch any customer): it is left for the serial phase
 * after the partitions ({@code null}).
 */
public final class MatchRouter {

    /** The customer whose partition decides this payment, or null for the serial leftover phase. */
    public Long route(BankPayment p, MatchIndex idx) {
        if (p.amount().signum() <= 0) {
            return null;
        }
        Set<Long> c = candidates(p, idx);
        return c.size() == 1 ? c.iterator().next() : null;
    }

    /** Every customer the matcher could consult for this payment. */
    public Set<Long> candidates(BankPayment p, MatchIndex idx) {
        Set<Long> customers = new LinkedHashSet<>();
        String ref = Keys.reference(p.reference());
        boolean refValid = ref != null && PaymentReferences.isValid(ref);
        if (refValid) {
            add(customers, idx.byReference(ref));
        }
        if (ref != null && (refValid || ref.length() >= 4)) {
            Matcher.near(ref, idx, false).forEach(inv -> customers.add(inv.customerId()));
        }
        for (InvoiceNumbers.Token t : Matcher.tokens(p, ref, refValid)) {
            add(customers, idx.byInvoiceKey(Keys.invoiceNo(t.raw())));
            if (t.strong()) {
                add(customers, idx.byInvoiceKey(Keys.invoiceDigits(t.raw())));
                add(customers, idx.byInvoiceKey(Keys.invoiceSegments(t.raw())));
                for (String piece : Keys.words(t.raw())) {
                    if (piece.length() >= 4) {
                        add(customers, idx.byInvoiceKey(Keys.invoiceNo(piece)));
                        add(customers, idx.byInvoiceKey(Keys.invoiceDigits(piece)));
                    }
                }
            }
        }
        TextReferences.in(p.text(), idx, false).forEach(inv -> customers.add(inv.customerId()));
        if (p.payerAccount() != null) {
            add(customers, idx.customerByAccountBeforeRun(p.payerAccount()));
        }
        add(customers, Matcher.orgNo(p, idx));
        add(customers, idx.customerByName(p.payerName()));
        return customers;
    }

    private static void add(Set<Long> customers, OpenInvoice inv) {
        if (inv != null) {
            customers.add(inv.customerId());
        }
    }

    private static void add(Set<Long> customers, Long customer) {
        if (customer != null) {
            customers.add(customer);
        }
    }
}
