package org.reskontro.matching;

import java.util.function.IntPredicate;

/**
 * An open-addressing table from a key's 32-bit hash to an entry number (an invoice, customer or account slot),
 * without the keys themselves: every probe whose hash agrees is confirmed by the caller's {@code same} test against
 * the real key of that entry, so two keys that share a hash never mix. A key added for a second, different entry is
 * marked ambiguous (it keeps its first entry, so that it can still be confirmed). 8 bytes per slot at a load of
 * at most 0.8 (10 bytes a key), against some 80 for a {@code HashMap} node with its key string. Not thread-safe.
 */
final class KeyTable {

    /** What {@link #get} returns for a key that is not in the table. */
    static final int ABSENT = 0;
    private static final double LOAD = 0.8;

    private int[] hashes;
    /** 0 = free; e + 1 = entry e; -(e + 1) = ambiguous, first seen for entry e. */
    private int[] codes;
    private int size;

    KeyTable(int expected) {
        int capacity = Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, (long) (expected / LOAD) + 1));
        hashes = new int[capacity];
        codes = new int[capacity];
    }

    /** ABSENT, or a code: see {@link #ambiguous(int)} and {@link #entry(int)}. */
    int get(int hash, IntPredicate same) {
        int capacity = codes.length;
        for (int i = start(hash, capacity); ; i = i + 1 == capacity ? 0 : i + 1) {
            int code = codes[i];
            if (code == 0) {
                return ABSENT;
            }
            if (hashes[i] == hash && same.test(entry(code))) {
                return code;
            }
        }
    }

    static boolean ambiguous(int code) {
        return code < 0;
    }

    static int entry(int code) {
        return code > 0 ? code - 1 : -code - 1;
    }

    /**
     * Adds the key (hash, confirmed by {@code same}) for {@code entry}. A key already there for another entry, or for
     * any entry when {@code twiceIsAmbiguous}, becomes ambiguous.
     */
    void add(int hash, IntPredicate same, int entry, boolean twiceIsAmbiguous) {
        int capacity = codes.length;
        for (int i = start(hash, capacity); ; i = i + 1 == capacity ? 0 : i + 1) {
            int code = codes[i];
            if (code == 0) {
                hashes[i] = hash;
                codes[i] = entry + 1;
                if (++size > capacity * LOAD) {
                    grow();
                }
                return;
            }
            if (hashes[i] == hash && same.test(entry(code))) {
                if (code > 0 && (twiceIsAmbiguous || entry(code) != entry)) {
                    codes[i] = -code;
                }
                return;
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        int[] oldHashes = hashes;
        int[] oldCodes = codes;
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, oldCodes.length * 2L);
        hashes = new int[capacity];
        codes = new int[capacity];
        for (int j = 0; j < oldCodes.length; j++) {
            if (oldCodes[j] != 0) {
                int i = start(oldHashes[j], capacity);
                while (codes[i] != 0) {
                    i = i + 1 == capacity ? 0 : i + 1;
                }
                hashes[i] = oldHashes[j];
                codes[i] = oldCodes[j];
            }
        }
    }

    /** The first slot to probe: the mixed hash scaled onto the capacity (no power of two needed). */
    private static int start(int hash, int capacity) {
        long mixed = (hash * 0x9E3779B9L) & 0xFFFFFFFFL;
        return (int) ((mixed * capacity) >>> 32);
    }
}
