package org.reskontro.matching;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.reskontro.common.CheckDigits;

/** Normal forms used as index keys: references, invoice numbers, names, organisation numbers. Pure. */
public final class Keys {

    private static final Set<String> LEGAL_FORMS = Set.of("as", "asa", "ab", "ans", "da", "enk", "hb", "kb", "oy",
            "ltd", "gmbh", "aps", "sa", "nuf", "publ", "ba", "sf");

    private Keys() {
    }

    /** A payment reference without spaces, upper case; null when blank. */
    public static String reference(String ref) {
        if (ref == null) {
            return null;
        }
        String r = ref.replace(" ", "").toUpperCase(Locale.ROOT);
        return r.isEmpty() ? null : r;
    }

    /** An invoice number's letters and digits, upper case, leading zeros dropped ("INV-0042" -> "INV0042"). */
    public static String invoiceNo(String no) {
        if (no == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(no.length());
        for (int i = 0; i < no.length(); i++) {
            char c = Character.toUpperCase(no.charAt(i));
            if (letterOrDigit(c)) {
                sb.append(c);
            }
        }
        return stripLeadingZeros(sb.toString());
    }

    /** An invoice number's digits only, leading zeros dropped ("2024-001" -> "2024001"); null without digits. */
    public static String invoiceDigits(String no) {
        String d = digits(no);
        return d == null ? null : stripLeadingZeros(d);
    }

    /**
     * An invoice number's parts without their leading zeros ("2024-0005072", "2024 05072" -> "S:2024/5072"), so that
     * zeros added or dropped inside a number still find it; null with fewer than two parts.
     */
    public static String invoiceSegments(String no) {
        if (no == null) {
            return null;
        }
        // the runs of letters and digits, each without its leading zeros (no regular expression: this runs for
        // every token of every payment)
        StringBuilder sb = new StringBuilder(no.length() + 4).append("S:");
        int parts = 0;
        int i = 0;
        int n = no.length();
        while (i < n) {
            while (i < n && !letterOrDigit(Character.toUpperCase(no.charAt(i)))) {
                i++;
            }
            int start = i;
            while (i < n && letterOrDigit(Character.toUpperCase(no.charAt(i)))) {
                i++;
            }
            if (i > start) {
                int from = start;
                while (from < i - 1 && no.charAt(from) == '0') {
                    from++;
                }
                sb.append(parts++ == 0 ? "" : "/");
                for (int k = from; k < i; k++) {
                    sb.append(Character.toUpperCase(no.charAt(k)));
                }
            }
        }
        return parts < 2 ? null : sb.toString();
    }

    private static String stripLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    /**
     * A company or person name for comparison: lower case, Nordic letters folded, punctuation dropped, legal
     * forms (AS, AB, A/S ...) removed, words sorted. "BYGGMESTER HANSEN A/S" and "Hansen Byggmester AS" agree.
     */
    public static String name(String name) {
        if (name == null) {
            return null;
        }
        String s = name.toLowerCase(Locale.ROOT).replace("a/s", "as");
        StringBuilder sb = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                sb.append(c);
            } else if (c == '.' || c == '\'' || c == '/') {
                continue;
            } else if (c < 128) {
                sb.append(' ');
            } else {
                switch (c) {
                    case 'æ' -> sb.append("ae");
                    case 'ø', 'ö', 'ó', 'ò', 'ô' -> sb.append('o');
                    case 'å', 'ä', 'á', 'à', 'â' -> sb.append('a');
                    case 'é', 'è', 'ê', 'ë' -> sb.append('e');
                    case 'ü', 'ú' -> sb.append('u');
                    default -> {
                        String folded = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
                        if (!folded.isEmpty() && folded.charAt(0) >= 'a' && folded.charAt(0) <= 'z') {
                            sb.append(folded.charAt(0));
                        } else {
                            sb.append(' ');
                        }
                    }
                }
            }
        }
        List<String> kept = new ArrayList<>(4);
        for (String w : words(sb)) {
            if (!LEGAL_FORMS.contains(w)) {
                kept.add(w);
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        Collections.sort(kept);
        return String.join(" ", kept);
    }

    /** Digits only; null when there are none. */
    public static String digits(String s) {
        String d = CheckDigits.digitsOf(s);
        return d.isEmpty() ? null : d;
    }

    /** The words of a text separated by spaces (none empty), as {@code s.trim().split(" +")} without a regex. */
    public static List<String> words(CharSequence s) {
        List<String> words = new ArrayList<>(4);
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && s.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                words.add(s.subSequence(start, i).toString());
            }
        }
        return words;
    }

    private static boolean letterOrDigit(char upper) {
        return (upper >= '0' && upper <= '9') || (upper >= 'A' && upper <= 'Z');
    }
}
