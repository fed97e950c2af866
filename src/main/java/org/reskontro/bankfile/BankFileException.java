package org.reskontro.bankfile;

import org.reskontro.common.RejectedInputException;

/** A bank file that cannot be read: the message names the file, the line or entry, and the reason. */
public class BankFileException extends RejectedInputException {

    /** Longest message kept: a quoted value from a hostile file must not turn the error line into megabytes. */
    static final int MAX_MESSAGE = 1000;

    public BankFileException(String message) {
        super(readable(message));
    }

    /** One line (line breaks and control characters of quoted input become spaces), at most {@link #MAX_MESSAGE}. */
    static String readable(String message) {
        if (message == null) {
            return null;
        }
        String line = message.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
        if (line.length() <= MAX_MESSAGE) {
            return line;
        }
        return line.substring(0, MAX_MESSAGE - 40) + "... (" + line.length() + " characters, cut)";
    }
}
