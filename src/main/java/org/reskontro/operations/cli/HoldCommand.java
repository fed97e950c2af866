package org.reskontro.operations.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.reskontro.common.RejectedInputException;
import org.reskontro.dunning.jdbc.HoldStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro hold}: stops (or resumes) dunning for a customer or an invoice, audited. */
@Command(name = "hold", mixinStandardHelpOptions = true,
        description = {"Puts a customer or an invoice on dunning hold (dispute, payment plan) with a reason and an "
                + "end date, or releases the hold with --release. When a hold ends, escalation resumes."})
class HoldCommand implements Callable<Integer> {

    private final Services services;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static class Target {
        @Option(names = "--customer", paramLabel = "NO", description = "Customer number.")
        String customer;
        @Option(names = "--invoice", paramLabel = "NO", description = "Invoice number.")
        String invoice;
    }

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (e.g. \"dispute: delivery incomplete\").")
    String reason;

    @Option(names = "--until", paramLabel = "DATE", description = "Last day of the hold (YYYY-MM-DD).")
    LocalDate until;

    @Option(names = "--release", description = "Release the hold.")
    boolean release;

    @Spec
    CommandSpec spec;

    HoldCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        if (release == (reason != null)) {
            throw new RejectedInputException(release ? "--release takes no --reason"
                    : "give --reason TEXT (and --until DATE), or --release");
        }
        if (release && until != null) {
            throw new RejectedInputException("--release takes no --until");
        }
        if (!release && reason.isBlank()) {
            throw new RejectedInputException("--reason must not be empty");
        }
        String actor = "cli:" + System.getProperty("user.name", "unknown");
        HoldStore holds = services.bean(HoldStore.class);
        String r = release ? null : reason.trim();
        String line = target.customer != null ? holds.customer(target.customer, r, until, actor)
                : holds.invoice(target.invoice, r, until, actor);
        spec.commandLine().getOut().println(line);
        spec.commandLine().getOut().flush();
        return Cli.OK;
    }
}
