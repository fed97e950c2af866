package org.reskontro.common;

import java.util.List;

/**
 * Input that reskontro refuses: a bad file, row or argument. The message is one readable line naming the
 * file, the line or entry, and the reason; {@link #problems()} lists every problem found.
 */
public class RejectedInputException extends RuntimeException {

    private final List<String> problems;

    public RejectedInputException(String message) {
        this(message, List.of(message));
    }

    public RejectedInputException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
