package org.reskontro.letters;

/** The default template of each dunning level, used when the policy names none or one that does not exist. */
public final class LetterTemplates {

    public static final String REMINDER = "reminder";
    public static final String FORMAL_REMINDER = "formal-reminder";
    public static final String FINAL_NOTICE = "final-notice";
    public static final String COLLECTION_NOTICE = "collection-notice";

    private LetterTemplates() {
    }

    /** Level 1 reminder, 2 formal reminder, 3 final notice (inkassovarsel), 4 and up collection hand-over. */
    public static String forLevel(int level) {
        if (level <= 1) {
            return REMINDER;
        }
        return switch (level) {
            case 2 -> FORMAL_REMINDER;
            case 3 -> FINAL_NOTICE;
            default -> COLLECTION_NOTICE;
        };
    }

    /** True when the name is safe to use as part of a template path. */
    public static boolean isSafeName(String name) {
        return name != null && name.matches("[a-z0-9][a-z0-9-]{0,59}");
    }
}
