package org.reskontro.common;

/** Text helpers for what goes into a column of limited width. */
public final class Texts {

    private Texts() {
    }

    /** {@code s} cut to at most {@code max} characters (null stays null), for a column of that width. */
    public static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
