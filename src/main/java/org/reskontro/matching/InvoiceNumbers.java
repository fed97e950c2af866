package org.reskontro.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds invoice numbers in a payment's free text. A number after a keyword ("Faktura 2024-001",
 * "fakt nr 2024001", "inv. 2024-001 og 2024-002") is strong; any other number-like token is weak and only
 * counts when the amount agrees.
 */
public final class InvoiceNumbers {

    /** A number found in the text; {@code strong} when a keyword named it an invoice. */
    public record Token(String raw, boolean strong) {
    }

    private static final String NUMBER = "[a-z]{0,4}[-]?\\d[\\d\\- .]*\\d|[a-z]{0,4}[-]?\\d";
    private static final Pattern KEYWORD = Pattern.compile(
            "(?<![a-z])(?:fakturanummer|fakturanr|faktura|fakturor|fakturaer|fakt|fak|fnr|invoices|invoice|inv|bill|rechnung)"
                    + "\\.?\\s*(?:(?:nr|no|nummer|number|num)\\.?\\s*)?[:#]?\\s*(" + NUMBER + ")"
                    + "((?:\\s*(?:,|;|&|\\+|/|og|och|and|samt)\\s*(?:" + NUMBER + "))*)");
    private static final Pattern LIST_ITEM = Pattern.compile("(?:,|;|&|\\+|/|og|och|and|samt)\\s*(" + NUMBER + ")");
    private static final Pattern BARE = Pattern.compile("(?<![a-z0-9])([a-z]{0,4}-?\\d[\\d-]*\\d)(?![a-z0-9])");

    private InvoiceNumbers() {
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                return true;
            }
        }
        return false;
    }

    public static List<Token> scan(String text) {
        List<Token> tokens = new ArrayList<>();
        if (text == null || text.isBlank() || !hasDigit(text)) {
            return tokens;
        }
        String t = text.toLowerCase(Locale.ROOT);
        Matcher m = KEYWORD.matcher(t);
        StringBuilder rest = new StringBuilder(t);
        while (m.find()) {
            tokens.add(new Token(m.group(1).trim(), true));
            if (m.group(2) != null && !m.group(2).isBlank()) {
                Matcher item = LIST_ITEM.matcher(m.group(2));
                while (item.find()) {
                    tokens.add(new Token(item.group(1).trim(), true));
                }
            }
            for (int i = m.start(); i < m.end(); i++) {
                rest.setCharAt(i, ' ');
            }
        }
        Matcher bare = BARE.matcher(rest);
        while (bare.find()) {
            tokens.add(new Token(bare.group(1), false));
        }
        return tokens;
    }
}
