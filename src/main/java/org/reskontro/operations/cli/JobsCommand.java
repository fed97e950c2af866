package org.reskontro.operations.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.reskontro.operations.batch.JobHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro jobs}: recent job runs, newest first. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Lists recent job runs from the job repository, newest first.")
class JobsCommand implements Callable<Integer> {

    private final Services services;

    @Option(names = "--limit", defaultValue = "20", description = "How many runs to list (default ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    CommandSpec spec;

    JobsCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var runs = services.bean(JobHistory.class).recent(limit);
        if (runs.isEmpty()) {
            out.println("No job has run yet.");
        } else {
            String row = "%9s  %-20s  %-10s  %-19s  %9s  %9s  %9s  %9s  %s%n";
            out.printf(row, "Execution", "Job", "Status", "Started", "Duration", "Read", "Written", "Skipped",
                    "Parameters");
            for (JobHistory.Run r : runs) {
                out.printf(row, r.executionId(), r.jobName(), r.status(),
                        r.started() == null ? "" : r.started().withNano(0).toString().replace('T', ' '),
                        r.duration().toMillis() + " ms", r.read(), r.written(), r.skipped(), r.parameters());
            }
        }
        out.flush();
        return Cli.OK;
    }
}
