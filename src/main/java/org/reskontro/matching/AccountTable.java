package org.reskontro.matching;

import java.util.Arrays;

/**
 * Bank accounts (their digits) and the customer each paid for, keyed by the digits, or by the pair (customer,
 * digits) when {@code perCustomer}: the index's "paid from this account before" and the accounts each customer's
 * payments taught during the run. The digits are kept in the {@link StringPool}. Not thread-safe.
 */
final class AccountTable {

    /** The customer value of an account that paid for more than one customer. */
    static final long AMBIGUOUS = -1L;

    private final StringPool strings;
    private final boolean perCustomer;
    private final KeyTable table;
    private int size;
    private int[] digits;
    private long[] customer;

    AccountTable(StringPool strings, int expected, boolean perCustomer) {
        this.strings = strings;
        this.perCustomer = perCustomer;
        int n = Math.max(16, expected);
        table = new KeyTable(n);
        digits = new int[n];
        customer = new long[n];
    }

    /**
     * Remembers the account for the customer. Keyed by digits: a second customer makes it {@link #AMBIGUOUS}.
     * Keyed per customer: remembered once.
     */
    void add(String accountDigits, long customerId) {
        int code = table.get(hash(accountDigits, customerId), e -> same(e, accountDigits, customerId));
        if (code != KeyTable.ABSENT) {
            int e = KeyTable.entry(code);
            if (!perCustomer && customer[e] != customerId) {
                customer[e] = AMBIGUOUS;
            }
            return;
        }
        if (size == digits.length) {
            int n = (int) Math.min(Integer.MAX_VALUE - 8, digits.length + (digits.length >> 1) + 16L);
            digits = Arrays.copyOf(digits, n);
            customer = Arrays.copyOf(customer, n);
        }
        int e = size++;
        digits[e] = strings.add(accountDigits);
        customer[e] = customerId;
        table.add(hash(accountDigits, customerId), x -> x == e, e, false);
    }

    /** Keyed by digits: the customer (or AMBIGUOUS), null when unknown. */
    Long customer(String accountDigits) {
        int code = table.get(hash(accountDigits, 0), e -> same(e, accountDigits, 0));
        return code == KeyTable.ABSENT ? null : customer[KeyTable.entry(code)];
    }

    /** Keyed per customer: whether the customer's payments came from this account. */
    boolean has(long customerId, String accountDigits) {
        return table.get(hash(accountDigits, customerId), e -> same(e, accountDigits, customerId)) != KeyTable.ABSENT;
    }

    int size() {
        return size;
    }

    private boolean same(int e, String accountDigits, long customerId) {
        return (!perCustomer || customer[e] == customerId) && strings.equalTo(digits[e], accountDigits);
    }

    private int hash(String accountDigits, long customerId) {
        return perCustomer ? accountDigits.hashCode() * 31 + Long.hashCode(customerId) : accountDigits.hashCode();
    }
}
