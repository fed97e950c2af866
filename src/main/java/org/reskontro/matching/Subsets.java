package org.reskontro.matching;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Bounded search for subsets of open items whose totals sum exactly to an amount. */
final class Subsets {

    private Subsets() {
    }

    /** Up to {@code limit} subsets of 2..maxSize items summing exactly to {@code amount}. */
    static List<List<OpenInvoice>> exact(List<OpenInvoice> items, BigDecimal amount, int maxSize, int limit) {
        List<List<OpenInvoice>> out = new ArrayList<>();
        List<OpenInvoice> sorted = new ArrayList<>(items);
        sorted.sort((a, b) -> b.open().total().compareTo(a.open().total()));
        search(sorted, 0, amount, new ArrayList<>(), maxSize, limit, out);
        return out;
    }

    private static void search(List<OpenInvoice> items, int from, BigDecimal left, List<OpenInvoice> chosen,
                               int maxSize, int limit, List<List<OpenInvoice>> out) {
        if (out.size() >= limit) {
            return;
        }
        if (left.signum() == 0) {
            if (chosen.size() >= 2) {
                out.add(List.copyOf(chosen));
            }
            return;
        }
        if (chosen.size() >= maxSize) {
            return;
        }
        for (int i = from; i < items.size(); i++) {
            BigDecimal t = items.get(i).open().total();
            if (t.compareTo(left) > 0 || t.signum() <= 0) {
                continue;
            }
            chosen.add(items.get(i));
            search(items, i + 1, left.subtract(t), chosen, maxSize, limit, out);
            chosen.remove(chosen.size() - 1);
            if (out.size() >= limit) {
                return;
            }
        }
    }
}
