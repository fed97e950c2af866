package org.reskontro.operations.cli;

import picocli.CommandLine.Option;

/** Who does a work-queue action and why, as its command's {@code --user} and {@code --reason}, both audited. */
abstract class Why {

    @Option(names = "--user", paramLabel = "NAME", description = "Who does it (default: the OS user).")
    String user;

    String user() {
        return UnmatchedCommand.user(user);
    }

    abstract String reason();

    /** An action that must say why (ignore, undo, refund). */
    static final class Required extends Why {
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (required).")
        String reason;

        @Override
        String reason() {
            return reason;
        }
    }

    /** An action that may say why (assign, credit). */
    static final class Optional extends Why {
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit log).")
        String reason;

        @Override
        String reason() {
            return reason;
        }
    }
}
