package org.reskontro.operations.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

import org.reskontro.common.RejectedInputException;
import org.reskontro.dunning.batch.DunningJobConfiguration;
import org.reskontro.matching.SyntheticLedger;
import org.reskontro.matching.batch.MatchJobConfiguration;
import org.reskontro.matching.jdbc.SyntheticLedgerWriter;
import org.reskontro.operations.batch.JobRunner;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro bench}: benchmarks against the configured database. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (never part of the tests).",
        subcommands = {BenchCommand.Matching.class, BenchAllCommand.class})
class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "matching", mixinStandardHelpOptions = true,
            description = {"Generates a seeded ledger with N invoices and N bank transactions with realistic noise, runs the "
                    + "matchJob over it and prints precision, recall and throughput.",
                    "Needs an empty database (or one holding only an earlier benchmark, which it replaces)."})
    static class Matching implements Callable<Integer> {
        private final Services services;

        @Option(names = "--payments", defaultValue = "100000", paramLabel = "N", description = "Transactions (100000).")
        int payments;

        @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (42).")
        long seed;

        @Option(names = "--dunning-date", paramLabel = "YYYY-MM-DD",
                description = "Also run the dunningJob for this date after matching and time it (e.g. 2024-06-30).")
        LocalDate dunningDate;

        @Option(names = "--mix", paramLabel = "KIND=WEIGHT",
                description = "Change one kind's weight in the noise mix (repeatable), e.g. --mix REFERENCE_IN_TEXT=6. "
                        + "Kinds: ${COMPLETION-CANDIDATES}.")
        Map<SyntheticLedger.Kind, Integer> mix = Map.of();

        @Spec
        CommandSpec spec;

        Matching(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            if (payments < 1) {
                throw new RejectedInputException("--payments must be at least 1");
            }
            PrintWriter out = spec.commandLine().getOut();
            SyntheticLedgerWriter data = services.bean(SyntheticLedgerWriter.class);
            if (!data.onlySynthetic()) {
                throw new RejectedInputException("the database holds a real ledger; run the benchmark against an empty "
                        + "database (e.g. RESKONTRO_DB_URL=jdbc:mariadb://127.0.0.1:3306/reskontro_bench)");
            }
            Map<SyntheticLedger.Kind, Integer> weights = SyntheticLedger.defaultMix();
            mix.forEach((kind, w) -> {
                if (w < 0) {
                    throw new RejectedInputException("--mix " + kind + "=" + w + ": a weight is 0 or more");
                }
                weights.put(kind, w);
            });
            if (weights.values().stream().mapToInt(Integer::intValue).sum() == 0) {
                throw new RejectedInputException("--mix: every weight is 0");
            }
            long t0 = System.nanoTime();
            SyntheticLedger ledger = SyntheticLedger.generate(payments, seed, weights);
            data.wipe();
            data.write(ledger);
            long t1 = System.nanoTime();
            out.printf("generated %d customers, %d invoices, %d bank transactions (seed %d) in %.1f s%n",
                    ledger.customers().size(), ledger.invoices().size(), ledger.payments().size(), seed, (t1 - t0) / 1e9);
            out.flush();
            Job job = services.bean(MatchJobConfiguration.JOB_NAME, Job.class);
            long t2 = System.nanoTime();
            JobRunner.Outcome outcome = services.bean(JobRunner.class).run(job, new JobParametersBuilder()
                    .addLocalDate("date", LocalDate.of(2024, 4, 30))
                    .addLong("run", System.currentTimeMillis())
                    .toJobParameters());
            long t3 = System.nanoTime();
            if (!(outcome instanceof JobRunner.Outcome.Completed)) {
                return Outcomes.report(outcome, out, spec.commandLine().getErr());
            }
            double seconds = (t3 - t2) / 1e9;
            SyntheticLedgerWriter.Score s = data.score(ledger);
            out.printf("matchJob: %d transactions in %.2f s = %.0f transactions/s (index load included)%n",
                    ledger.payments().size(), seconds, ledger.payments().size() / seconds);
            out.printf("automatic matches: %d, correct %d, WRONG %d%n", s.autoMatched(), s.correct(), s.wrong());
            out.printf("precision %.4f%%  recall %.2f%% (%d of %d payments to invoices matched automatically)%n",
                    s.precision() * 100, s.recall() * 100, s.correct(), s.matchable());
            out.printf("reversals undone %d of %d, outgoing marked %d of %d, left open for people %d%n",
                    s.reversalsUndone(), s.reversals(), s.outgoingMarked(), s.outgoing(), s.leftOpen());
            out.println("by kind (total / correct automatic / wrong automatic):");
            for (Map.Entry<SyntheticLedger.Kind, long[]> e : s.byKind().entrySet()) {
                out.printf("  %-20s %8d %8d %4d%n", e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]);
            }
            for (String w : s.wrongSamples()) {
                out.println("  wrong: " + w);
            }
            out.flush();
            if (dunningDate != null) {
                long t4 = System.nanoTime();
                JobRunner.Outcome dunned = services.bean(JobRunner.class).run(
                        services.bean(DunningJobConfiguration.JOB_NAME, Job.class), new JobParametersBuilder()
                                .addLocalDate("date", dunningDate)
                                .addLong("run", System.currentTimeMillis())
                                .toJobParameters());
                if (!(dunned instanceof JobRunner.Outcome.Completed)) {
                    return Outcomes.report(dunned, out, spec.commandLine().getErr());
                }
                out.printf("dunningJob %s: %.2f s%n", dunningDate, (System.nanoTime() - t4) / 1e9);
                out.flush();
            }
            return s.wrong() == 0 ? Cli.OK : Cli.JOB_FAILED;
        }
    }
}
