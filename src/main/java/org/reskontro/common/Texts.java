package org.reskontro.common;

/** Text helpers for what goes into a column of limited width. */
public final class Texts {

    private Texts() {
    }

    /** {@code s} cut to at most {@code max} characters (null stays null), for a column of that width. */
    public static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; null is empty. */
    public static String csvField(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /**
     * A CSV field of text from outside (a payer's name, a bank's free text): as {@link #csvField}, and one that a
     * spreadsheet would take for a formula ({@code = + - @}, or a tab or carriage return first) starts with an
     * apostrophe, so that opening the file runs nothing.
     */
    public static String csvText(String s) {
        if (s != null && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return csvField("'" + s);
        }
        return csvField(s);
    }
}
