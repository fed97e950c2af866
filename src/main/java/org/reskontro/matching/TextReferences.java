package org.reskontro.matching;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.reskontro.ledger.PaymentReferences;

/**
 * Structured references written in a payment's free text instead of its reference field ("KID 100001000000018",
 * "OCR: 1000 0100 0000 18", "RF18 5390 0754 7034", several of them for several invoices). A candidate is a run of
 * digits not touching a letter, alone or joined with the runs beside it that a single space separates (references
 * are often written in groups), of {@value #MIN_DIGITS} to {@value #MAX_LENGTH} digits, and with the {@code -} that
 * stands for a MOD11 check digit of 10 when one follows; or {@code RF}, two check
 * digits and the groups after them. Only a candidate with a valid check digit that is the reference of an invoice
 * of the index counts, so a date, an amount, an account or an organisation number in the text does not.
 */
final class TextReferences {

    /** Shorter digit runs are too often something else (a year, an amount, a postcode). */
    static final int MIN_DIGITS = 6;
    static final int MAX_LENGTH = 25;
    private static final int MAX_GROUPS = 8;

    private TextReferences() {
    }

    /** The invoices of the index whose references the text holds, each once, in the order written. */
    static List<OpenInvoice> in(String text, MatchIndex idx, boolean openOnly) {
        Map<Long, OpenInvoice> found = new LinkedHashMap<>();
        for (String c : candidates(text)) {
            // the index's hash filter first: it turns away almost every candidate without a check-digit test
            if (idx.mayHaveReferenceHash(c.hashCode()) && PaymentReferences.isValid(c)) {
                OpenInvoice inv = idx.byReference(c);
                if (inv != null && (!openOnly || inv.isOpen())) {
                    found.putIfAbsent(inv.id(), inv);
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** Every string of the text that could be a reference, normalised (no spaces, upper case). */
    static Set<String> candidates(String text) {
        if (text == null || !Matcher.hasDigits(text, 1)) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        String t = text.toUpperCase(java.util.Locale.ROOT);
        int n = t.length();
        int i = 0;
        while (i < n) {
            char ch = t.charAt(i);
            if (Character.isLetter(ch)) {
                // a word, or letters and digits together (an IBAN, "INV12345"): no digit run of its own
                if (t.startsWith("RF", i)) {
                    rf(t, i, out);
                }
                while (i < n && Character.isLetterOrDigit(t.charAt(i))) {
                    i++;
                }
            } else if (isDigit(ch)) {
                i = digitGroups(t, i, out);
            } else {
                i++;
            }
        }
        return out;
    }

    /** The runs of digits from {@code start} that single spaces separate; adds their joins; returns where it ended. */
    private static int digitGroups(String t, int start, Set<String> out) {
        List<String> groups = new ArrayList<>();
        int i = start;
        int n = t.length();
        while (true) {
            int end = i;
            while (end < n && isDigit(t.charAt(end))) {
                end++;
            }
            if (end < n && Character.isLetter(t.charAt(end))) {
                // a run touching a letter (an IBAN, "INV12345") ends the groups, and is none itself
                while (end < n && Character.isLetterOrDigit(t.charAt(end))) {
                    end++;
                }
                addJoins(groups, "", out);
                return end;
            }
            groups.add(t.substring(i, end));
            if (groups.size() < MAX_GROUPS && end + 1 < n && t.charAt(end) == ' ' && isDigit(t.charAt(end + 1))) {
                i = end + 1;
                continue;
            }
            addJoins(groups, "", out);
            if (end < n && t.charAt(end) == '-' && (end + 1 == n || !Character.isLetterOrDigit(t.charAt(end + 1)))) {
                addJoins(groups, "-", out); // a MOD11 KID whose check digit is 10 ends in '-'
                return end + 1;
            }
            return end;
        }
    }

    /** Each join of neighbouring groups of {@value #MIN_DIGITS} to {@value #MAX_LENGTH} digits, and {@code suffix}. */
    private static void addJoins(List<String> groups, String suffix, Set<String> out) {
        for (int a = 0; a < groups.size(); a++) {
            StringBuilder sb = new StringBuilder();
            for (int b = a; b < groups.size(); b++) {
                sb.append(groups.get(b));
                if (sb.length() > MAX_LENGTH) {
                    break;
                }
                if (sb.length() >= MIN_DIGITS) {
                    out.add(sb + suffix);
                }
            }
        }
    }

    /** {@code RF}, two digits, and each longer prefix of the groups after them (single spaces between groups). */
    private static void rf(String t, int start, Set<String> out) {
        StringBuilder sb = new StringBuilder("RF");
        int i = start + 2;
        int n = t.length();
        if (i < n && t.charAt(i) == ' ') {
            i++;
        }
        if (i + 1 >= n || !isDigit(t.charAt(i)) || !isDigit(t.charAt(i + 1))) {
            return;
        }
        while (i < n && sb.length() <= MAX_LENGTH) {
            char c = t.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128) {
                sb.append(c);
                i++;
                boolean groupEnds = i == n || !Character.isLetterOrDigit(t.charAt(i));
                if (groupEnds && sb.length() >= 5 && sb.length() <= MAX_LENGTH) {
                    out.add(sb.toString());
                }
            } else if (c == ' ' && i + 1 < n && Character.isLetterOrDigit(t.charAt(i + 1))) {
                i++;
            } else {
                return;
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
