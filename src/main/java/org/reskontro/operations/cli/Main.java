package org.reskontro.operations.cli;

/** {@code java -jar reskontro.jar <command>}: the entry point. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try (Services services = Services.lazy()) {
            code = Cli.create(services).execute(args);
        }
        System.exit(code);
    }
}
