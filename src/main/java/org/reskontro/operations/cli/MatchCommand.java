package org.reskontro.operations.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.reskontro.matching.batch.MatchJobConfiguration;
import org.reskontro.operations.batch.JobRunner;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro match [--date D]}: runs the matchJob over the open bank transactions. */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = {"Matches the open incoming bank transactions booked up to the business date to open invoices "
                + "(see docs/matching.md).",
                "Running it again changes nothing that was matched; what is left is listed by 'reskontro unmatched list'."})
class MatchCommand implements Callable<Integer> {

    private final Services services;

    @Option(names = "--date", paramLabel = "DATE", description = "Business date (yyyy-mm-dd); default today.")
    LocalDate date;

    @Spec
    CommandSpec spec;

    MatchCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        LocalDate d = date != null ? date : LocalDate.now(services.bean(Clock.class));
        Job job = services.bean(MatchJobConfiguration.JOB_NAME, Job.class);
        JobRunner.Outcome outcome = services.bean(JobRunner.class).run(job, new JobParametersBuilder()
                .addLocalDate("date", d)
                .addLong("run", System.currentTimeMillis())
                .toJobParameters());
        int code = Outcomes.report(outcome, spec.commandLine().getOut(), spec.commandLine().getErr());
        if (outcome instanceof JobRunner.Outcome.Completed c) {
            // the counts of the partitions and of the leftover phase
            long[] n = new long[5];
            String[] keys = {"matched", "onAccount", "unmatched", "outgoing", "reversed"};
            for (StepExecution s : c.execution().getStepExecutions()) {
                for (int i = 0; i < keys.length; i++) {
                    n[i] += s.getExecutionContext().getLong(keys[i], 0);
                }
            }
            spec.commandLine().getOut().printf("  matched %d, on account %d, left open %d, outgoing %d, reversed %d%n",
                    n[0], n[1], n[2], n[3], n[4]);
            spec.commandLine().getOut().flush();
        }
        return code;
    }
}
