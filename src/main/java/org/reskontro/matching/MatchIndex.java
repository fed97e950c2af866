package org.reskontro.matching;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.reskontro.ledger.Allocation;
import org.reskontro.ledger.OpenItem;

/**
 * The run's in-memory view of the ledger: open invoices by reference, by invoice number and by customer, and
 * the ways a payer is recognised (bank account seen before, organisation number, name). Loaded once per run;
 * keys that point to more than one customer or invoice are remembered as ambiguous and never decide alone.
 */
public final class MatchIndex {

    /** A customer as the matcher needs it. */
    public record CustomerRef(long id, String customerNo, String name) {
    }

    private static final long AMBIGUOUS = -1L;
    private static final OpenInvoice AMBIGUOUS_INVOICE = new OpenInvoice(-1, -1, "?", null, "?", null, OpenItem.NONE);

    private final Map<String, OpenInvoice> byReference = new HashMap<>();
    /** Every key of {@link #byReference} by its {@code String.hashCode()}: a probe that misses here is not a key. */
    private final HashFilter referenceHashes = new HashFilter();
    private final Map<String, OpenInvoice> byInvoiceKey = new HashMap<>();
    private final Map<Long, List<OpenInvoice>> byCustomer = new HashMap<>();
    private final Map<Long, OpenInvoice> byId = new HashMap<>();
    private final Map<Long, CustomerRef> customers = new HashMap<>();
    private final Map<String, Long> byOrgNo = new HashMap<>();
    private final Map<String, Long> byName = new HashMap<>();
    private final Map<String, Long> byAccount = new HashMap<>();
    /** Scoped learning: the accounts each customer's payments taught during this run, apart from the others. */
    private Map<Long, Map<String, Long>> learnedByCustomer;
    private Long focus;
    // one instance of each value repeated across invoices (about a fifth of the index's heap at 100,000 invoices)
    private final Map<String, String> currencies = new HashMap<>();
    private final Map<LocalDate, LocalDate> dates = new HashMap<>();
    private final Map<Integer, BigDecimal> zeros = new HashMap<>();

    public void addCustomer(long id, String customerNo, String name, String orgNo) {
        customers.put(id, new CustomerRef(id, customerNo, name));
        String org = same(Keys.digits(orgNo), orgNo);
        if (org != null) {
            byOrgNo.merge(org, id, (a, b) -> a.equals(b) ? a : AMBIGUOUS);
        }
        String n = Keys.name(name);
        if (n != null) {
            byName.merge(n, id, (a, b) -> a.equals(b) ? a : AMBIGUOUS);
        }
    }

    public void addInvoice(OpenInvoice given) {
        OpenInvoice inv = compact(given);
        byId.put(inv.id(), inv);
        byCustomer.computeIfAbsent(inv.customerId(), k -> new ArrayList<>(2)).add(inv);
        String ref = same(Keys.reference(inv.reference()), inv.reference());
        if (ref != null) {
            byReference.merge(ref, inv, (a, b) -> AMBIGUOUS_INVOICE);
            referenceHashes.add(ref.hashCode());
        }
        String key = Keys.invoiceNo(inv.invoiceNo());
        String digits = Keys.invoiceDigits(inv.invoiceNo());
        if (key != null) {
            byInvoiceKey.merge(key, inv, (a, b) -> a == b ? a : AMBIGUOUS_INVOICE);
        }
        if (digits != null && !digits.equals(key)) {
            byInvoiceKey.merge(digits, inv, (a, b) -> a == b ? a : AMBIGUOUS_INVOICE);
        }
        String segments = Keys.invoiceSegments(inv.invoiceNo());
        if (segments != null) {
            byInvoiceKey.merge(segments, inv, (a, b) -> a == b ? a : AMBIGUOUS_INVOICE);
        }
    }

    /** Remembers that a bank account paid for a customer (from matched history, or a match in this run). */
    public void learnAccount(String account, long customerId) {
        String a = Keys.digits(account);
        if (a != null && learnedByCustomer != null) {
            learnedByCustomer.computeIfAbsent(customerId, k -> new HashMap<>()).put(a, customerId);
        } else if (a != null) {
            byAccount.merge(a, customerId, (x, y) -> x.equals(y) ? x : AMBIGUOUS);
        }
    }

    /**
     * From now on, an account learned from a match is used only for payments of the same customer (see
     * {@link #focus(Long)}), never for another customer's. This keeps the decisions of one customer independent
     * of the order in which the other customers are matched: the basis of partitioned matching, where each
     * customer range runs on its own thread or machine. The accounts known when the index was loaded still
     * count for everybody.
     */
    public void learnOnlyWithinCustomer() {
        learnedByCustomer = new HashMap<>();
    }

    /** The customer the next payment is routed to (null: none), whose learned accounts it may use. */
    public void focus(Long customerId) {
        this.focus = customerId;
    }

    /** The open invoice with this reference; empty when unknown, settled, or shared by two invoices. */
    public OpenInvoice byReference(String normalisedReference) {
        OpenInvoice inv = byReference.get(normalisedReference);
        return inv == AMBIGUOUS_INVOICE ? null : inv;
    }

    /**
     * False when no reference whose {@code String.hashCode()} is {@code hash} is in the index, so that a caller
     * probing many candidate strings (the references one digit away) builds and looks up only those that may be
     * there. True may still be a miss.
     */
    public boolean mayHaveReferenceHash(int hash) {
        return referenceHashes.mayContain(hash);
    }

    /** True when the reference belongs to more than one invoice. */
    public boolean referenceAmbiguous(String normalisedReference) {
        return byReference.get(normalisedReference) == AMBIGUOUS_INVOICE;
    }

    /** Lookup result for an invoice number token. */
    public enum KeyHit { NONE, ONE, AMBIGUOUS }

    public KeyHit invoiceKeyHit(String key) {
        OpenInvoice inv = key == null ? null : byInvoiceKey.get(key);
        return inv == null ? KeyHit.NONE : inv == AMBIGUOUS_INVOICE ? KeyHit.AMBIGUOUS : KeyHit.ONE;
    }

    public OpenInvoice byInvoiceKey(String key) {
        OpenInvoice inv = key == null ? null : byInvoiceKey.get(key);
        return inv == AMBIGUOUS_INVOICE ? null : inv;
    }

    public OpenInvoice invoice(long id) {
        return byId.get(id);
    }

    /** The customer's invoices that are still open, in due-date order. */
    public List<OpenInvoice> openItems(long customerId) {
        List<OpenInvoice> all = byCustomer.get(customerId);
        if (all == null) {
            return List.of();
        }
        List<OpenInvoice> open = new ArrayList<>(all.size());
        for (OpenInvoice inv : all) {
            if (inv.isOpen()) {
                open.add(inv);
            }
        }
        open.sort((a, b) -> a.dueDate() == null || b.dueDate() == null ? Long.compare(a.id(), b.id())
                : a.dueDate().compareTo(b.dueDate()) != 0 ? a.dueDate().compareTo(b.dueDate()) : Long.compare(a.id(), b.id()));
        return open;
    }

    public CustomerRef customer(long id) {
        return customers.get(id);
    }

    /** The customer who paid from this account before; null when unknown or shared. */
    public Long customerByAccount(String account) {
        String a = Keys.digits(account);
        Long known = byAccount.get(a);
        if (learnedByCustomer != null && focus != null && a != null) {
            Map<String, Long> learned = learnedByCustomer.get(focus);
            if (learned != null && learned.containsKey(a)) {
                known = known == null || known.equals(focus) ? focus : AMBIGUOUS;
            }
        }
        return unique(known);
    }

    /** The customer who paid from this account before the run; null when unknown or shared. */
    public Long customerByAccountBeforeRun(String account) {
        return unique(byAccount.get(Keys.digits(account)));
    }

    public Long customerByOrgNo(String digits) {
        return unique(byOrgNo.get(digits));
    }

    public Long customerByName(String name) {
        String n = Keys.name(name);
        return n == null ? null : unique(byName.get(n));
    }

    public int invoiceCount() {
        return byId.size();
    }

    public int customerCount() {
        return customers.size();
    }

    public Collection<OpenInvoice> invoices() {
        return byId.values();
    }

    /**
     * Applies a decided payment to the index as the ledger will: in order, fees, interest, then principal of
     * each invoice; a write-off settles the rest of the last one.
     */
    public void apply(Decision.Matched m, java.math.BigDecimal amount) {
        java.math.BigDecimal left = amount;
        OpenInvoice last = null;
        for (Long id : m.invoiceIds()) {
            OpenInvoice inv = byId.get(id);
            if (inv == null) {
                continue;
            }
            last = inv;
            Allocation.Result r = Allocation.apply(inv.open(), left);
            inv.setOpen(r.after());
            left = r.remainder();
        }
        if (last != null && m.writeOff().signum() > 0) {
            last.setOpen(Allocation.apply(last.open(), m.writeOff()).after());
        }
    }

    /**
     * The invoice as the index keeps it: the same instance for each currency, due date and zero amount that many
     * invoices share. Values are unchanged (a zero keeps its scale).
     */
    private OpenInvoice compact(OpenInvoice inv) {
        String currency = inv.currency() == null ? null : currencies.computeIfAbsent(inv.currency(), c -> c);
        LocalDate due = inv.dueDate() == null ? null : dates.computeIfAbsent(inv.dueDate(), d -> d);
        OpenItem o = inv.open();
        OpenItem open = new OpenItem(zero(o.fee()), zero(o.interest()), zero(o.principal()));
        return new OpenInvoice(inv.id(), inv.customerId(), inv.invoiceNo(), inv.reference(), currency, due, open);
    }

    private BigDecimal zero(BigDecimal amount) {
        return amount == null || amount.signum() != 0 ? amount : zeros.computeIfAbsent(amount.scale(), k -> amount);
    }

    /** The normalised key, as the original string when the two are equal (one string instead of two). */
    private static String same(String key, String original) {
        return key != null && key.equals(original) ? original : key;
    }

    private static Long unique(Long id) {
        return id == null || id == AMBIGUOUS ? null : id;
    }
}
