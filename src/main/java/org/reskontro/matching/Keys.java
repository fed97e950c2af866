package org.reskontro.matching;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

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
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
                sb.append(c);
            }
        }
        return stripLeadingZeros(sb.toString());
    }

    /** An invoice number's digits only, leading zeros dropped ("2024-001" -> "2024001"); null without digits. */
    public static String invoiceDigits(String no) {
        if (no == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(no.length());
        for (int i = 0; i < no.length(); i++) {
            char c = no.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        String d = stripLeadingZeros(sb.toString());
        return d.isEmpty() ? null : d;
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
        String s = name.toLowerCase(Locale.ROOT).replace("æ", "ae").replace("ø", "o").replace("å", "a")
                .replace("ä", "a").replace("ö", "o").replace("a/s", "as");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        s = s.replaceAll("[.'/]", "").replaceAll("[^a-z0-9]+", " ").trim();
        if (s.isEmpty()) {
            return null;
        }
        String[] words = Arrays.stream(s.split(" ")).filter(w -> !LEGAL_FORMS.contains(w)).sorted()
                .toArray(String[]::new);
        return words.length == 0 ? null : String.join(" ", words);
    }

    /** Digits only; null when there are none. */
    public static String digits(String s) {
        if (s == null) {
            return null;
        }
        String d = s.replaceAll("[^0-9]", "");
        return d.isEmpty() ? null : d;
    }
}
