package org.reskontro.operations.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import org.reskontro.common.RejectedInputException;
import org.reskontro.dunning.CustomerDecision;
import org.reskontro.dunning.DunningPolicy;
import org.reskontro.dunning.ItemDecision;
import org.reskontro.dunning.batch.DunningJobConfiguration;
import org.reskontro.dunning.batch.DunningRun;
import org.reskontro.dunning.jdbc.BankFileCheck;
import org.reskontro.dunning.jdbc.DunningStore;
import org.reskontro.letters.DunningLetter;
import org.reskontro.operations.batch.JobRunner;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro dunning --date D [--dry-run]}: reminders, formal reminders, final notices and collection. */
@Command(name = "dunning", mixinStandardHelpOptions = true,
        description = {"Runs dunning for a business date: each overdue item goes to its next level (reminder, formal "
                + "reminder, final notice, collection) under the policy and the Norwegian and Swedish rules; one "
                + "letter per customer. See docs/dunning.md.",
                "A second run for the same date changes nothing. --dry-run prints what would happen and writes nothing."})
class DunningCommand implements Callable<Integer> {

    private final Services services;

    @Option(names = "--date", required = true, paramLabel = "DATE", description = "Business date (YYYY-MM-DD).")
    LocalDate date;

    @Option(names = "--dry-run", description = "Print what would happen per customer; change nothing.")
    boolean dryRun;

    @Option(names = "--all", description = "With --dry-run: also list customers whose items stay where they are.")
    boolean all;

    @Spec
    CommandSpec spec;

    DunningCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DunningPolicy policy = services.bean(DunningPolicy.class);
        List<String> problems = services.bean(BankFileCheck.class).problems(date);
        for (String p : problems) {
            out.println("warning: " + p);
        }
        if (!problems.isEmpty() && policy.requireBankFiles() && !dryRun) {
            throw new RejectedInputException("dunning for " + date + " waits for the bank files "
                    + "(reskontro.dunning.require-bank-files is true)");
        }
        if (dryRun) {
            out.println("Dry run for " + date + ": nothing is written.");
            DunningRun.Summary s = services.bean(DunningRun.class).run(date, true, d -> print(d, out));
            out.println(s);
            out.flush();
            return Cli.OK;
        }
        Job job = services.bean(DunningJobConfiguration.JOB_NAME, Job.class);
        JobRunner.Outcome outcome = services.bean(JobRunner.class).run(job,
                new JobParametersBuilder().addLocalDate(DunningJobConfiguration.DATE, date).toJobParameters());
        if (outcome instanceof JobRunner.Outcome.AlreadyComplete) {
            out.println("Dunning for " + date + " ran before; nothing changed.");
            out.flush();
            return Cli.OK;
        }
        int code = Outcomes.report(outcome, out, spec.commandLine().getErr());
        if (code == Cli.OK) {
            services.bean(DunningStore.class).report(date).forEach(out::println);
            out.flush();
        }
        return code;
    }

    private void print(CustomerDecision d, PrintWriter out) {
        if (!d.changesAnything() && !all) {
            d.items().stream().filter(ItemDecision.OnHold.class::isInstance).findFirst().ifPresent(h ->
                    out.printf("%s %s: no letter, %s%n", d.customer().customerNo(), d.customer().name(),
                            ((ItemDecision.OnHold) h).reason()));
            return;
        }
        var c = d.customer();
        DunningLetter l = d.letter();
        if (l != null) {
            out.printf("%s %s (%s %s): letter level %d %s by %s, pay by %s, total %s %s%n", c.customerNo(), c.name(),
                    c.country(), c.type().name().toLowerCase(java.util.Locale.ROOT), l.level(), l.template(),
                    l.channel(), l.paymentDeadline(), Amounts.format(l.total()), l.currency());
            if (l.interest() != null) {
                out.printf("    late interest %s %% from %s%n", l.interest().ratePercent().toPlainString(),
                        l.interest().runsFrom());
            }
        } else {
            out.printf("%s %s (%s %s): no letter%n", c.customerNo(), c.name(), c.country(),
                    c.type().name().toLowerCase(java.util.Locale.ROOT));
        }
        d.notes().forEach(n -> out.println("    " + n));
        for (ItemDecision i : d.items()) {
            String what;
            BigDecimal interest = BigDecimal.ZERO;
            if (i instanceof ItemDecision.Escalate e) {
                what = "L" + e.item().level() + " -> L" + e.levelAfter() + (e.fee().signum() > 0
                        ? ", fee " + e.fee().toPlainString() : "") + (e.compensation().signum() > 0
                        ? ", compensation " + e.compensation().toPlainString() : "")
                        + (e.toCollection() ? ", to collection (interest posted)" : "");
                interest = e.interest();
            } else if (i instanceof ItemDecision.Stay s) {
                what = "stays L" + s.item().level();
                interest = s.interest();
            } else {
                what = "on hold, L" + i.item().level();
            }
            out.printf("    %-10s due %s open %12s  %-40s%s%n", i.item().invoiceNo(), i.item().dueDate(),
                    Amounts.format(i.item().openTotal()), what, l == null ? "" : " interest " + interest.toPlainString());
            i.notes().forEach(n -> out.println("        " + n));
        }
    }
}
