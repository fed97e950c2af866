package org.reskontro.operations.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import org.reskontro.operations.Problem;
import org.reskontro.operations.VerifyReport;
import org.reskontro.operations.jdbc.LedgerInvariants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro verify}: checks the money invariants on the configured database. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks the money invariants: each customer's postings equal its open items less unallocated "
                + "credits; every bank transaction is allocated, on account, ignored with a reason, outgoing, "
                + "reversed or open; nothing allocates more than its amount; invoice open items and statuses agree "
                + "with the journal. Only reads.",
                "Exit 0 when everything holds, 1 when a problem is found (each printed on its own line)."})
class VerifyCommand implements Callable<Integer> {

    private final Services services;

    @Option(names = "--limit", defaultValue = "200", paramLabel = "N",
            description = "Print at most N problems (default: ${DEFAULT-VALUE}); the count is always complete.")
    int limit;

    @Spec
    CommandSpec spec;

    VerifyCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        VerifyReport report = services.bean(LedgerInvariants.class).verify();
        PrintWriter out = spec.commandLine().getOut();
        for (Map.Entry<Problem.Check, Long> e : new java.util.TreeMap<>(report.examined()).entrySet()) {
            int found = report.of(e.getKey()).size();
            out.printf("%-24s %8d checked  %s%n", e.getKey(), e.getValue(), found == 0 ? "ok" : found + " PROBLEM(S)");
        }
        int shown = 0;
        for (Problem p : report.problems()) {
            if (shown++ >= limit) {
                out.printf("... and %d more%n", report.problems().size() - limit);
                break;
            }
            out.println("PROBLEM " + p);
        }
        if (report.clean()) {
            out.println("verify: no problem found");
        } else {
            out.println("verify: " + report.problems().size() + " problem(s) found");
        }
        out.flush();
        return report.clean() ? Cli.OK : Cli.JOB_FAILED;
    }
}
