package org.reskontro.matching;

/**
 * A set of 32-bit hash codes that may answer "maybe" for a code never added, but never "no" for one that was: a
 * bit per slot of a fixed table of 2<sup>23</sup> bits (1 MB). At 100,000 codes about 1 % of the other codes
 * answer "maybe", at 1,000,000 about 11 %. Used to skip map look-ups that are sure to miss.
 */
final class HashFilter {

    private static final int BITS = 23;
    private final long[] words = new long[1 << (BITS - 6)];

    void add(int hash) {
        int slot = slot(hash);
        words[slot >>> 6] |= 1L << slot;
    }

    boolean mayContain(int hash) {
        int slot = slot(hash);
        return (words[slot >>> 6] & (1L << slot)) != 0;
    }

    /** The top bits of the code times the golden ratio: spreads codes that differ only in their low bits. */
    private static int slot(int hash) {
        return (hash * 0x9E3779B9) >>> (32 - BITS);
    }
}
