package org.reskontro.operations.cli;

import java.io.PrintWriter;

import org.reskontro.operations.batch.JobRunner;
import org.reskontro.operations.batch.JobRunner.Outcome;

/** Prints a job outcome and gives its exit code. */
final class Outcomes {

    private Outcomes() {
    }

    static int report(Outcome outcome, PrintWriter out, PrintWriter err) {
        if (outcome instanceof Outcome.Completed c) {
            out.printf("%s completed (execution %d)%n", c.execution().getJobInstance().getJobName(),
                    c.execution().getId());
            out.print(JobRunner.summary(c.execution()));
            out.flush();
            return Cli.OK;
        }
        if (outcome instanceof Outcome.Rejected r) {
            err.println("reskontro: " + r.reason().getMessage());
            if (r.reason().problems().size() > 1) {
                r.reason().problems().forEach(p -> err.println("  " + p));
            }
            err.flush();
            return Cli.REJECTED;
        }
        if (outcome instanceof Outcome.Failed f) {
            err.printf("reskontro: %s failed (execution %d): %s%n", f.execution().getJobInstance().getJobName(),
                    f.execution().getId(), Cli.oneLine(f.cause()));
            err.printf("  restart it with: reskontro restart %d%n", f.execution().getId());
            err.flush();
            return Cli.JOB_FAILED;
        }
        if (outcome instanceof Outcome.AlreadyComplete a) {
            out.println(a.message());
            out.flush();
            return Cli.OK;
        }
        Outcome.AlreadyRunning a = (Outcome.AlreadyRunning) outcome;
        err.println("reskontro: " + a.message());
        err.flush();
        return Cli.JOB_FAILED;
    }
}
