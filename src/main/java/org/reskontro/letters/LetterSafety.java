package org.reskontro.letters;

import java.util.regex.Pattern;

/**
 * Keeps customer data from changing a mail's headers: a name or address with CR or LF must never add a header,
 * and only one plain, well-formed address is ever accepted as a recipient.
 */
public final class LetterSafety {

    /** A conservative address: local part of the usual characters, a domain of dot-separated labels. */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private LetterSafety() {
    }

    /** True for exactly one plain address ({@code name@example.no}) without any control character or space. */
    public static boolean isValidAddress(String address) {
        return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches();
    }

    /** Text fit for a header: every control character (CR, LF, TAB, ...) becomes a space, runs collapse, trimmed. */
    public static String headerText(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean blank = Character.isISOControl(c) || Character.isWhitespace(c) || c == '\u2028' || c == '\u2029';
            if (blank) {
                space = true;
            } else {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c);
            }
        }
        return sb.length() > 180 ? sb.substring(0, 180) : sb.toString();
    }

    /** A safe file-name part: letters, digits, '-' and '_' only. */
    public static String fileNamePart(String value) {
        String s = value == null ? "" : value.replaceAll("[^A-Za-z0-9_-]", "_");
        return s.isEmpty() ? "_" : s;
    }
}
