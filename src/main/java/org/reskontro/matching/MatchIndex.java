package org.reskontro.matching;

import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.reskontro.ledger.Allocation;

/**
 * The run's in-memory view of the ledger: open invoices by reference, by invoice number and by customer, and
 * the ways a payer is recognised (bank account seen before, organisation number, name). Loaded once per run;
 * keys that point to more than one customer or invoice are remembered as ambiguous and never decide alone.
 *
 * <p>Compact, so that a million open invoices fit a small heap: invoices and customers are columns of primitive
 * arrays ({@link InvoiceColumns}, {@link CustomerColumns}) with their strings as bytes ({@link StringPool}), and every
 * key is found through a table of 32-bit hashes ({@link KeyTable}) whose every hit is confirmed against the real key
 * of the invoice, customer or account it names. The {@link OpenInvoice}s it returns are views of its slots.
 */
public final class MatchIndex {

    /** A customer as the matcher needs it. */
    public record CustomerRef(long id, String customerNo, String name) {
    }

    private static final long AMBIGUOUS = AccountTable.AMBIGUOUS;

    private final StringPool strings = new StringPool();
    private final InvoiceColumns invoices;
    private final CustomerColumns customers;
    /** Normalised reference -> invoice slot. */
    private final KeyTable byReference;
    /** Every key of {@link #byReference} by its {@code String.hashCode()}: a probe that misses here is not a key. */
    private final HashFilter referenceHashes = new HashFilter();
    /** Invoice number keys (letters and digits, digits only, segments) -> invoice slot. */
    private final KeyTable byInvoiceKey;
    /** Organisation number digits -> customer slot. */
    private final KeyTable byOrgNo;
    /** Normalised name -> customer slot. */
    private final KeyTable byName;
    private final AccountTable byAccount;
    /** Scoped learning: the accounts each customer's payments taught during this run, apart from the others. */
    private AccountTable learnedByCustomer;
    private Long focus;

    public MatchIndex() {
        this(16, 16);
    }

    /** An index sized for about this many customers and open invoices (it grows past them). */
    public MatchIndex(int expectedCustomers, int expectedInvoices) {
        invoices = new InvoiceColumns(strings, expectedInvoices);
        customers = new CustomerColumns(strings, expectedCustomers);
        byReference = new KeyTable(expectedInvoices);
        byInvoiceKey = new KeyTable(2 * expectedInvoices);
        byOrgNo = new KeyTable(expectedCustomers);
        byName = new KeyTable(expectedCustomers);
        byAccount = new AccountTable(strings, expectedCustomers, false);
    }

    public void addCustomer(long id, String customerNo, String name, String orgNo) {
        String org = Keys.digits(orgNo);
        int s = customers.add(id, customerNo, name, org);
        if (org != null) {
            byOrgNo.add(org.hashCode(), c -> customers.orgNoIs(c, org), s, false);
        }
        String n = Keys.name(name);
        if (n != null) {
            byName.add(n.hashCode(), c -> n.equals(Keys.name(customers.name(c))), s, false);
        }
    }

    public void addInvoice(OpenInvoice inv) {
        int s = invoices.add(inv, CustomerColumns.NONE);
        invoices.setNext(s, customers.pushInvoice(inv.customerId(), s));
        String ref = Keys.reference(inv.reference());
        if (ref != null) {
            byReference.add(ref.hashCode(), e -> isReference(e, ref), s, true);
            referenceHashes.add(ref.hashCode());
        }
        String no = inv.invoiceNo();
        String key = Keys.invoiceNo(no);
        addInvoiceKey(key, s);
        String digits = Keys.invoiceDigits(no);
        if (digits != null && !digits.equals(key)) {
            addInvoiceKey(digits, s);
        }
        addInvoiceKey(Keys.invoiceSegments(no), s);
    }

    /** Whether the invoice in slot e has the normalised reference {@code ref} (as written, or once normalised). */
    private boolean isReference(int e, String ref) {
        return invoices.referenceIs(e, ref) || ref.equals(Keys.reference(invoices.reference(e)));
    }

    private void addInvoiceKey(String key, int slot) {
        if (key != null) {
            byInvoiceKey.add(key.hashCode(), e -> hasInvoiceKey(e, key), slot, false);
        }
    }

    /** Whether {@code key} is one of the invoice-number keys of the invoice in slot e. */
    private boolean hasInvoiceKey(int e, String key) {
        String no = invoices.invoiceNo(e);
        return key.equals(Keys.invoiceNo(no)) || key.equals(Keys.invoiceDigits(no)) || key.equals(Keys.invoiceSegments(no));
    }

    /** Remembers that a bank account paid for a customer (from matched history, or a match in this run). */
    public void learnAccount(String account, long customerId) {
        String a = Keys.digits(account);
        if (a != null && learnedByCustomer != null) {
            learnedByCustomer.add(a, customerId);
        } else if (a != null) {
            byAccount.add(a, customerId);
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
        learnedByCustomer = new AccountTable(strings, 1024, true);
    }

    /** The customer the next payment is routed to (null: none), whose learned accounts it may use. */
    public void focus(Long customerId) {
        this.focus = customerId;
    }

    /**
     * The invoice with this reference among those open when the index was loaded (it may have been settled in the
     * run since: see {@link OpenInvoice#isOpen()}); null when unknown or shared by two invoices.
     */
    public OpenInvoice byReference(String normalisedReference) {
        int code = referenceCode(normalisedReference);
        return code == KeyTable.ABSENT || KeyTable.ambiguous(code) ? null : view(KeyTable.entry(code));
    }

    private int referenceCode(String ref) {
        if (ref == null || !referenceHashes.mayContain(ref.hashCode())) {
            return KeyTable.ABSENT;
        }
        return byReference.get(ref.hashCode(), e -> isReference(e, ref));
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
        return KeyTable.ambiguous(referenceCode(normalisedReference));
    }

    /** Lookup result for an invoice number token. */
    public enum KeyHit { NONE, ONE, AMBIGUOUS }

    public KeyHit invoiceKeyHit(String key) {
        int code = invoiceKeyCode(key);
        return code == KeyTable.ABSENT ? KeyHit.NONE : KeyTable.ambiguous(code) ? KeyHit.AMBIGUOUS : KeyHit.ONE;
    }

    public OpenInvoice byInvoiceKey(String key) {
        int code = invoiceKeyCode(key);
        return code == KeyTable.ABSENT || KeyTable.ambiguous(code) ? null : view(KeyTable.entry(code));
    }

    private int invoiceKeyCode(String key) {
        return key == null ? KeyTable.ABSENT : byInvoiceKey.get(key.hashCode(), e -> hasInvoiceKey(e, key));
    }

    public OpenInvoice invoice(long id) {
        int s = invoices.slot(id);
        return s < 0 ? null : view(s);
    }

    /** The customer's invoices that are still open, in due-date order. */
    public List<OpenInvoice> openItems(long customerId) {
        List<OpenInvoice> open = new ArrayList<>(2);
        for (int s = customers.firstInvoice(customerId); s != CustomerColumns.NONE; s = invoices.next(s)) {
            if (invoices.isOpen(s)) {
                open.add(view(s));
            }
        }
        if (open.size() > 1) {
            open.sort((a, b) -> {
                int da = invoices.dueDay(a.slot());
                int db = invoices.dueDay(b.slot());
                if (!InvoiceColumns.hasDue(da) || !InvoiceColumns.hasDue(db) || da == db) {
                    return Long.compare(a.id(), b.id());
                }
                return Integer.compare(da, db);
            });
        }
        return open;
    }

    /**
     * From now on, finds open invoices by their open total ({@link #openWithTotal}), for the suggestions a person
     * gets when nothing but the amount points anywhere. Costs about 8 bytes an invoice; the serial phase of a run
     * turns it on, where the index holds every customer.
     */
    public void suggestByAmount() {
        invoices.indexAmounts();
    }

    /**
     * The open invoices in {@code currency} whose open total equals {@code amount}, at most {@code max + 1} (more
     * than {@code max}: too common an amount to say anything); none unless {@link #suggestByAmount()} was called.
     */
    public List<OpenInvoice> openWithTotal(String currency, BigDecimal amount, int max) {
        List<OpenInvoice> found = new ArrayList<>(2);
        for (int s : invoices.withTotal(currency, amount, max)) {
            found.add(view(s));
        }
        return found;
    }

    public CustomerRef customer(long id) {
        int s = customers.slot(id);
        return s < 0 ? null : new CustomerRef(id, customers.customerNo(s), customers.name(s));
    }

    /** The customer who paid from this account before; null when unknown or shared. */
    public Long customerByAccount(String account) {
        String a = Keys.digits(account);
        Long known = a == null ? null : byAccount.customer(a);
        if (learnedByCustomer != null && focus != null && a != null && learnedByCustomer.has(focus, a)) {
            known = known == null || known.equals(focus) ? focus : AMBIGUOUS;
        }
        return unique(known);
    }

    /** The customer who paid from this account before the run; null when unknown or shared. */
    public Long customerByAccountBeforeRun(String account) {
        String a = Keys.digits(account);
        return a == null ? null : unique(byAccount.customer(a));
    }

    public Long customerByOrgNo(String digits) {
        if (digits == null) {
            return null;
        }
        return customerOf(byOrgNo.get(digits.hashCode(), c -> customers.orgNoIs(c, digits)));
    }

    public Long customerByName(String name) {
        String n = Keys.name(name);
        return n == null ? null : customerOf(byName.get(n.hashCode(), c -> n.equals(Keys.name(customers.name(c)))));
    }

    private Long customerOf(int code) {
        return code == KeyTable.ABSENT || KeyTable.ambiguous(code) ? null : customers.id(KeyTable.entry(code));
    }

    public int invoiceCount() {
        return invoices.size();
    }

    public int customerCount() {
        return customers.size();
    }

    /** Every invoice of the index, settled ones included, as views. */
    public Collection<OpenInvoice> invoices() {
        return new AbstractList<>() {
            @Override
            public OpenInvoice get(int i) {
                return view(i);
            }

            @Override
            public int size() {
                return invoices.size();
            }
        };
    }

    /**
     * Applies a decided payment to the index as the ledger will: in order, fees, interest, then principal of
     * each invoice; a write-off settles the rest of the last one.
     */
    public void apply(Decision.Matched m, BigDecimal amount) {
        BigDecimal left = amount;
        int last = -1;
        for (Long id : m.invoiceIds()) {
            int s = invoices.slot(id);
            if (s < 0) {
                continue;
            }
            last = s;
            Allocation.Result r = Allocation.apply(invoices.open(s), left);
            invoices.setOpen(s, r.after());
            left = r.remainder();
        }
        if (last >= 0 && m.writeOff().signum() > 0) {
            invoices.setOpen(last, Allocation.apply(invoices.open(last), m.writeOff()).after());
        }
    }

    /** Bytes held for strings (a rough figure for the benchmark's notes). */
    public long stringBytes() {
        return strings.bytes();
    }

    private OpenInvoice view(int slot) {
        return new OpenInvoice(invoices, slot);
    }

    private static Long unique(Long id) {
        return id == null || id == AMBIGUOUS ? null : id;
    }
}
