package org.reskontro.matching;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.reskontro.ledger.OpenItem;

/**
 * The index's open invoices as columns: one slot per invoice in parallel primitive arrays (ids, customer, due date
 * as an epoch day, open amounts as unscaled longs with their scales), the invoice number and reference in a
 * {@link StringPool}, and each customer's invoices chained through {@code next}. About 45 bytes per invoice plus its
 * strings, against some 600 for the objects it replaces. Slots are found by id through binary search while ids
 * arrive ascending ({@link IdSlots}). Not thread-safe.
 */
final class InvoiceColumns {

    private static final int NO_DATE = Integer.MIN_VALUE;
    /** A scale byte that says: the amounts are in {@link #wide}. */
    private static final byte WIDE = Byte.MIN_VALUE;

    private final StringPool strings;
    private int size;
    private long[] id;
    private long[] customerId;
    private int[] invoiceNo;
    private int[] reference;
    private byte[] currency;
    private int[] due;
    private long[] principal;
    /** Allocated when the first non-zero fee or interest arrives; null = all zero. */
    private long[] fee;
    private long[] interest;
    private byte[] principalScale;
    private byte[] feeScale;
    private byte[] interestScale;
    private int[] next;
    private final Map<Integer, OpenItem> wide = new HashMap<>();
    private String[] currencies = new String[8];
    private int currencyCount;
    private final IdSlots slots = new IdSlots();
    /** Open invoices by currency and open total; null until {@link #indexAmounts()}. */
    private AmountTable amounts;

    InvoiceColumns(StringPool strings, int expected) {
        this.strings = strings;
        int n = Math.max(16, expected);
        id = new long[n];
        customerId = new long[n];
        invoiceNo = new int[n];
        reference = new int[n];
        currency = new byte[n];
        due = new int[n];
        principal = new long[n];
        principalScale = new byte[n];
        feeScale = new byte[n];
        interestScale = new byte[n];
        next = new int[n];
    }

    /** Adds the invoice and returns its slot. */
    int add(OpenInvoice inv, int nextOfCustomer) {
        if (size == id.length) {
            grow();
        }
        int s = size++;
        id[s] = inv.id();
        customerId[s] = inv.customerId();
        invoiceNo[s] = strings.add(inv.invoiceNo());
        reference[s] = strings.add(inv.reference());
        currency[s] = currencyCode(inv.currency());
        due[s] = inv.dueDate() == null ? NO_DATE : (int) inv.dueDate().toEpochDay();
        next[s] = nextOfCustomer;
        setOpen(s, inv.open());
        slots.added(id, s);
        return s;
    }

    /** The slot of the invoice with this id, or -1. */
    int slot(long invoiceId) {
        return slots.find(id, invoiceId);
    }

    int size() {
        return size;
    }

    long id(int s) {
        return id[s];
    }

    long customerId(int s) {
        return customerId[s];
    }

    void setNext(int s, int nextSlot) {
        next[s] = nextSlot;
    }

    int next(int s) {
        return next[s];
    }

    String invoiceNo(int s) {
        return strings.get(invoiceNo[s]);
    }

    String reference(int s) {
        return strings.get(reference[s]);
    }

    boolean referenceIs(int s, String value) {
        return strings.equalTo(reference[s], value);
    }

    String currency(int s) {
        int c = currency[s] & 0xFF;
        return c == 0 ? null : currencies[c - 1];
    }

    LocalDate dueDate(int s) {
        return due[s] == NO_DATE ? null : LocalDate.ofEpochDay(due[s]);
    }

    /** The due date as an epoch day, for ordering; Integer.MIN_VALUE when none. */
    int dueDay(int s) {
        return due[s];
    }

    static boolean hasDue(int dueDay) {
        return dueDay != NO_DATE;
    }

    OpenItem open(int s) {
        if (principalScale[s] == WIDE) {
            return wide.get(s);
        }
        return new OpenItem(amount(fee, feeScale, s), amount(interest, interestScale, s),
                BigDecimal.valueOf(principal[s], principalScale[s]));
    }

    /** Whether anything is still owed, without building the amounts when the scales agree. */
    boolean isOpen(int s) {
        if (principalScale[s] == WIDE) {
            return wide.get(s).total().signum() > 0;
        }
        long f = fee == null ? 0 : fee[s];
        long i = interest == null ? 0 : interest[s];
        long p = principal[s];
        if ((f == 0 || feeScale[s] == principalScale[s]) && (i == 0 || interestScale[s] == principalScale[s])) {
            return p + f + i > 0; // each below 10^18 in magnitude (precision <= 18), so the sum cannot overflow
        }
        return open(s).total().signum() > 0;
    }

    void setOpen(int s, OpenItem o) {
        if (amounts != null && s < size && isOpen(s)) {
            amounts.remove(s, AmountTable.hash(currency[s] & 0xFF, open(s).total()));
        }
        store(s, o);
        if (amounts != null && s < size && o.total().signum() > 0) {
            amounts.add(s, AmountTable.hash(currency[s] & 0xFF, o.total()));
        }
    }

    /** From now on, keeps the open invoices findable by currency and open total ({@link #withTotal}). */
    void indexAmounts() {
        if (amounts != null) {
            return;
        }
        amounts = new AmountTable(size);
        for (int s = 0; s < size; s++) {
            if (isOpen(s)) {
                amounts.add(s, AmountTable.hash(currency[s] & 0xFF, open(s).total()));
            }
        }
    }

    /**
     * Up to {@code max + 1} slots of open invoices in this currency whose open total equals {@code total} (one more
     * than asked, so that the caller sees there were too many); empty before {@link #indexAmounts()}.
     */
    List<Integer> withTotal(String currencyName, BigDecimal total, int max) {
        List<Integer> found = new ArrayList<>(2);
        int c = currencyCode(currencyName, false);
        if (amounts == null || c <= 0 || total.signum() <= 0) {
            return found;
        }
        for (int s = amounts.first(AmountTable.hash(c, total)); s >= 0 && found.size() <= max; s = amounts.after(s)) {
            if ((currency[s] & 0xFF) == c && isOpen(s) && open(s).total().compareTo(total) == 0) {
                found.add(s);
            }
        }
        return found;
    }

    private void store(int s, OpenItem o) {
        if (!fits(o.fee()) || !fits(o.interest()) || !fits(o.principal())) {
            principalScale[s] = WIDE;
            wide.put(s, o);
            return;
        }
        wide.remove(s);
        principal[s] = unscaled(o.principal());
        principalScale[s] = (byte) o.principal().scale();
        feeScale[s] = (byte) o.fee().scale();
        interestScale[s] = (byte) o.interest().scale();
        if (o.fee().signum() != 0 && fee == null) {
            fee = new long[id.length];
        }
        if (fee != null) {
            fee[s] = unscaled(o.fee());
        }
        if (o.interest().signum() != 0 && interest == null) {
            interest = new long[id.length];
        }
        if (interest != null) {
            interest[s] = unscaled(o.interest());
        }
    }

    private static BigDecimal amount(long[] unscaled, byte[] scale, int s) {
        return BigDecimal.valueOf(unscaled == null ? 0 : unscaled[s], scale[s]);
    }

    private static boolean fits(BigDecimal v) {
        return v != null && v.scale() > WIDE && v.scale() <= Byte.MAX_VALUE && v.precision() <= 18;
    }

    private static long unscaled(BigDecimal v) {
        return v.unscaledValue().longValueExact();
    }

    private byte currencyCode(String c) {
        return (byte) currencyCode(c, true);
    }

    /** The code of a currency (1-255, 0 for none); -1 when unknown and not {@code addIfNew}. */
    private int currencyCode(String c, boolean addIfNew) {
        if (c == null) {
            return 0;
        }
        for (int i = 0; i < currencyCount; i++) {
            if (currencies[i].equals(c)) {
                return i + 1;
            }
        }
        if (!addIfNew) {
            return -1;
        }
        if (currencyCount == 255) {
            throw new IllegalStateException("more than 255 currencies in the open invoices");
        }
        if (currencyCount == currencies.length) {
            currencies = Arrays.copyOf(currencies, currencies.length * 2);
        }
        currencies[currencyCount++] = c;
        return currencyCount;
    }

    private void grow() {
        int n = (int) Math.min(Integer.MAX_VALUE - 8, id.length + (id.length >> 1) + 16L);
        id = Arrays.copyOf(id, n);
        customerId = Arrays.copyOf(customerId, n);
        invoiceNo = Arrays.copyOf(invoiceNo, n);
        reference = Arrays.copyOf(reference, n);
        currency = Arrays.copyOf(currency, n);
        due = Arrays.copyOf(due, n);
        principal = Arrays.copyOf(principal, n);
        principalScale = Arrays.copyOf(principalScale, n);
        feeScale = Arrays.copyOf(feeScale, n);
        interestScale = Arrays.copyOf(interestScale, n);
        next = Arrays.copyOf(next, n);
        if (fee != null) {
            fee = Arrays.copyOf(fee, n);
        }
        if (interest != null) {
            interest = Arrays.copyOf(interest, n);
        }
    }
}
