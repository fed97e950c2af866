package org.reskontro.operations.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.reskontro.operations.batch.JobRunner;
import org.reskontro.operations.batch.NightlyJobConfiguration;
import org.reskontro.operations.jdbc.RunLock;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro nightly [--date D]}: the whole night in one restartable job. */
@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"Runs the nightly job for a business date: imports the inbox, matches payments, runs dunning, "
                + "sends the letters and writes the day's reports.",
                "A date that completed does not run again; a failed one restarts from the step that failed."})
class NightlyCommand implements Callable<Integer> {

    private final Services services;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "The business date (default: today in the configured time zone).")
    LocalDate date;

    @Spec
    CommandSpec spec;

    NightlyCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        LocalDate businessDate = date != null ? date : LocalDate.now(services.bean(Clock.class));
        return runNightly(services, businessDate, spec);
    }

    static int runNightly(Services services, LocalDate businessDate, CommandSpec spec) {
        Optional<RunLock.Held> lock = services.bean(RunLock.class).tryAcquire("nightly");
        if (lock.isEmpty()) {
            spec.commandLine().getErr().println("reskontro: another nightly run is in progress against this database; "
                    + "this one did nothing (see 'reskontro jobs')");
            spec.commandLine().getErr().flush();
            return Cli.JOB_FAILED;
        }
        try (RunLock.Held held = lock.get()) {
            int recovered = services.bean(JobRunner.class).recoverAbandoned(NightlyJobConfiguration.JOB_NAME);
            if (recovered > 0) {
                spec.commandLine().getErr().printf("reskontro: %d nightly execution(s) left running by a process that "
                        + "died were marked FAILED; the run restarts from the step that failed%n", recovered);
                spec.commandLine().getErr().flush();
            }
            Job job = services.bean(NightlyJobConfiguration.JOB_NAME, Job.class);
            org.springframework.batch.core.job.parameters.JobParameters parameters =
                    new JobParametersBuilder().addLocalDate("date", businessDate).toJobParameters();
            int unknown = services.bean(JobRunner.class).recoverUnknown(NightlyJobConfiguration.JOB_NAME, parameters);
            if (unknown > 0) {
                spec.commandLine().getErr().printf("reskontro: the last nightly run for %s ended in an unknown state "
                        + "(a failure that could not be rolled back, e.g. a lost database connection); it restarts "
                        + "from the step that failed%n", businessDate);
                spec.commandLine().getErr().flush();
            }
            JobRunner.Outcome outcome = services.bean(JobRunner.class).run(job, parameters);
            if (outcome instanceof JobRunner.Outcome.AlreadyComplete) {
                spec.commandLine().getOut().printf("The nightly run for %s completed before; nothing to do.%n",
                        businessDate);
                spec.commandLine().getOut().flush();
                return Cli.OK;
            }
            return Outcomes.report(outcome, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
