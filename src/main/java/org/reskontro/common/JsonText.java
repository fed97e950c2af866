package org.reskontro.common;

/** JSON string literals: quotes, backslashes and control characters escaped (RFC 8259), U+2028/2029 too. */
public final class JsonText {

    private JsonText() {
    }

    /** The JSON literal of the string, or {@code null} for null. */
    public static String quote(String s) {
        return s == null ? "null" : append(new StringBuilder(s.length() + 2), s).toString();
    }

    /** Appends the quoted, escaped string to the builder and returns it. */
    public static StringBuilder append(StringBuilder sb, String s) {
        return append(sb, s, false);
    }

    /**
     * Like {@link #append(StringBuilder, String)}, and also writes {@code <}, {@code >} and {@code &} as
     * {@code \u003c}, {@code \u003e} and {@code \u0026}, so the JSON stays inert inside HTML.
     */
    public static StringBuilder appendHtmlSafe(StringBuilder sb, String s) {
        return append(sb, s, true);
    }

    private static StringBuilder append(StringBuilder sb, String s, boolean htmlSafe) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029'
                            || (htmlSafe && (c == '<' || c == '>' || c == '&'))) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
