package org.reskontro.matching;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds a slot of {@link InvoiceColumns} or {@link CustomerColumns} by id without a map entry per id: while ids are
 * added in ascending order (the loader reads in id order) the slots are found by binary search over the id column;
 * once one comes out of order, it and every later one are kept in a small map. Not thread-safe.
 */
final class IdSlots {

    static final int NONE = -1;

    /** Slots 0..ascending-1 hold strictly ascending ids. */
    private int ascending;
    private boolean stillAscending = true;
    private final Map<Long, Integer> other = new HashMap<>();

    /** Records that slot {@code s} (the last one) now holds {@code ids[s]}. */
    void added(long[] ids, int s) {
        if (stillAscending && s == ascending && (s == 0 || ids[s] > ids[s - 1])) {
            ascending = s + 1;
        } else {
            stillAscending = false;
            other.put(ids[s], s);
        }
    }

    int find(long[] ids, long id) {
        int i = Arrays.binarySearch(ids, 0, ascending, id);
        if (i >= 0) {
            return i;
        }
        Integer s = other.isEmpty() ? null : other.get(id);
        return s == null ? NONE : s;
    }
}
