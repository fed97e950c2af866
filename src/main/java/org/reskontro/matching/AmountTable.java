package org.reskontro.matching;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The open invoices of an {@link InvoiceColumns} by currency and open total, for the suggestions a person gets when
 * nothing but the amount points anywhere. Chained through primitive arrays (8 bytes an invoice) and kept exact: the
 * columns move a slot whenever its open amounts change. Only invoices with something open are in it. Not
 * thread-safe.
 */
final class AmountTable {

    private static final int END = -1;

    private int[] heads;
    private int[] next;
    private final int mask;

    AmountTable(int expected) {
        int n = Integer.highestOneBit(Math.max(16, expected) - 1) << 1;
        heads = new int[n];
        Arrays.fill(heads, END);
        next = new int[Math.max(16, expected)];
        mask = n - 1;
    }

    /** The bucket of an open total in a currency; the total compared by value, whatever its scale. */
    static int hash(int currencyCode, BigDecimal total) {
        int h = total.stripTrailingZeros().hashCode() * 31 + currencyCode;
        return h ^ (h >>> 16);
    }

    void add(int slot, int hash) {
        if (slot >= next.length) {
            next = Arrays.copyOf(next, Math.max(slot + 1, next.length + (next.length >> 1)));
        }
        int b = hash & mask;
        next[slot] = heads[b];
        heads[b] = slot;
    }

    void remove(int slot, int hash) {
        int b = hash & mask;
        if (heads[b] == slot) {
            heads[b] = next[slot];
            return;
        }
        for (int s = heads[b]; s != END; s = next[s]) {
            if (next[s] == slot) {
                next[s] = next[slot];
                return;
            }
        }
    }

    /** The slots in the bucket of {@code hash}, to be confirmed by the caller, at most {@code max}; -1 ends them. */
    int first(int hash) {
        return heads[hash & mask];
    }

    int after(int slot) {
        return next[slot];
    }
}
