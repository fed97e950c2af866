package org.reskontro.matching;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The index's customers as columns: id, customer number, name and organisation number digits (in the
 * {@link StringPool}), and the first of the
 * customer's invoices (the rest are chained by {@link InvoiceColumns#next}). Slots are found by id as in
 * {@link InvoiceColumns}. Invoices of a customer the index does not hold still get a chain, kept by id aside.
 * Not thread-safe.
 */
final class CustomerColumns {

    static final int NONE = IdSlots.NONE;

    private final StringPool strings;
    private int size;
    private long[] id;
    private int[] customerNo;
    private int[] name;
    private int[] orgNo;
    private int[] firstInvoice;
    private final IdSlots slots = new IdSlots();
    private final Map<Long, Integer> firstInvoiceOfUnknown = new HashMap<>();

    CustomerColumns(StringPool strings, int expected) {
        this.strings = strings;
        int n = Math.max(16, expected);
        id = new long[n];
        customerNo = new int[n];
        name = new int[n];
        orgNo = new int[n];
        firstInvoice = new int[n];
    }

    /** Adds the customer, or replaces its number, name and organisation number when it is there; returns its slot. */
    int add(long customerId, String no, String customerName, String orgNoDigits) {
        int s = slot(customerId);
        if (s == NONE) {
            if (size == id.length) {
                grow();
            }
            s = size++;
            id[s] = customerId;
            Integer first = firstInvoiceOfUnknown.remove(customerId);
            firstInvoice[s] = first == null ? NONE : first;
            slots.added(id, s);
        }
        customerNo[s] = strings.add(no);
        name[s] = strings.add(customerName);
        orgNo[s] = strings.add(orgNoDigits);
        return s;
    }

    int slot(long customerId) {
        return slots.find(id, customerId);
    }

    int size() {
        return size;
    }

    long id(int s) {
        return id[s];
    }

    String customerNo(int s) {
        return strings.get(customerNo[s]);
    }

    String name(int s) {
        return strings.get(name[s]);
    }

    boolean orgNoIs(int s, String digits) {
        return strings.equalTo(orgNo[s], digits);
    }

    /** The first invoice slot of the customer's chain, or NONE. */
    int firstInvoice(long customerId) {
        int s = slot(customerId);
        if (s != NONE) {
            return firstInvoice[s];
        }
        Integer first = firstInvoiceOfUnknown.get(customerId);
        return first == null ? NONE : first;
    }

    /** Puts an invoice slot first in the customer's chain; returns the slot that was first (its next). */
    int pushInvoice(long customerId, int invoiceSlot) {
        int s = slot(customerId);
        if (s != NONE) {
            int before = firstInvoice[s];
            firstInvoice[s] = invoiceSlot;
            return before;
        }
        Integer before = firstInvoiceOfUnknown.put(customerId, invoiceSlot);
        return before == null ? NONE : before;
    }

    private void grow() {
        int n = (int) Math.min(Integer.MAX_VALUE - 8, id.length + (id.length >> 1) + 16L);
        id = Arrays.copyOf(id, n);
        customerNo = Arrays.copyOf(customerNo, n);
        name = Arrays.copyOf(name, n);
        orgNo = Arrays.copyOf(orgNo, n);
        firstInvoice = Arrays.copyOf(firstInvoice, n);
    }
}
