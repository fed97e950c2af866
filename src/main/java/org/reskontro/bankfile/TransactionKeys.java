package org.reskontro.bankfile;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a bank transaction across files ({@code bank_transaction.tx_key}): the same transaction arriving
 * in two overlapping files gets the same key. Built from the account and the bank's own reference when there is one
 * (plus amount and date), otherwise from the whole content; the n-th occurrence of the same base within one file gets
 * {@code #n}, so two genuinely identical payments in one file are both kept. Memory: 12 bytes per distinct
 * transaction (a 64-bit hash and a count), so a million-transaction file needs about 24 MB.
 * <p>
 * A key is made in two steps that may run on two threads, each with its own instance: {@link #digest} (the costly
 * part, no shared state) and {@link #key}, which counts the occurrence; only the transactions that are stored
 * should be counted.
 */
public final class TransactionKeys {

    private long[] hashes = new long[1 << 12];
    private int[] counts = new int[1 << 12];
    private int size;
    private final MessageDigest sha;

    public TransactionKeys() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A transaction's key without its occurrence number, and the hash its occurrences are counted by. */
    public record Digest(String hex, long hash) {
    }

    /** The key of the next transaction of a statement on {@code account}: {@code key(digest(account, t))}. */
    public String next(String account, BankTransaction t) {
        return key(digest(account, t));
    }

    /** The digest of a transaction of a statement on {@code account}; counts nothing. */
    public Digest digest(String account, BankTransaction t) {
        String base;
        if (t.bankReference() != null) {
            base = "ref|" + account + "|" + t.bankReference() + "|" + plain(t.amount()) + "|" + t.currency() + "|"
                    + t.bookingDate() + "|" + t.endToEndId();
        } else {
            base = "content|" + account + "|" + t.bookingDate() + "|" + t.valueDate() + "|" + plain(t.amount()) + "|"
                    + t.currency() + "|" + t.reference() + "|" + t.endToEndId() + "|" + t.payerAccount() + "|"
                    + t.payerName() + "|" + t.text() + "|" + t.reversal();
        }
        byte[] digest = sha.digest(base.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xff);
        }
        return new Digest(HexFormat.of().formatHex(digest), h);
    }

    /** The key of the next transaction with this digest: its occurrence in this instance is counted. */
    public String key(Digest d) {
        return d.hex() + "#" + increment(d.hash());
    }

    private static String plain(BigDecimal amount) {
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }

    /** Open addressing: the count of this hash after counting it once more (0 is used as "empty" + a flag). */
    private int increment(long h) {
        if (h == 0) {
            h = 1;
        }
        if (size * 2 >= hashes.length) {
            grow();
        }
        int mask = hashes.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (hashes[i] != 0) {
            if (hashes[i] == h) {
                return ++counts[i];
            }
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        counts[i] = 1;
        size++;
        return 1;
    }

    private void grow() {
        long[] oldH = hashes;
        int[] oldC = counts;
        hashes = new long[oldH.length * 2];
        counts = new int[oldC.length * 2];
        int mask = hashes.length - 1;
        for (int j = 0; j < oldH.length; j++) {
            long h = oldH[j];
            if (h != 0) {
                int i = (int) (h ^ (h >>> 32)) & mask;
                while (hashes[i] != 0) {
                    i = (i + 1) & mask;
                }
                hashes[i] = h;
                counts[i] = oldC[j];
            }
        }
    }
}
