package org.reskontro.operations.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.reskontro.common.RejectedInputException;
import org.reskontro.reports.AgingReport;
import org.reskontro.reports.CsvReports;
import org.reskontro.reports.HtmlReports;
import org.reskontro.reports.KeyFigures;
import org.reskontro.reports.Reconciliation;
import org.reskontro.reports.TextReports;
import org.reskontro.reports.jdbc.AgingQuery;
import org.reskontro.reports.jdbc.DailyReportWriter;
import org.reskontro.reports.jdbc.KeyFiguresQuery;
import org.reskontro.reports.jdbc.ReconciliationQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reskontro report aging|reconciliation|keyfigures|daily}: the ledger's reports. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Reports on the ledger: aging analysis, reconciliation, key figures, the daily HTML report.",
        subcommands = {ReportCommand.Aging.class, ReportCommand.Reconcile.class, ReportCommand.Figures.class,
                ReportCommand.Daily.class})
class ReportCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every report shares: the format and where to write it. */
    abstract static class Output implements Callable<Integer> {

        final Services services;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
                description = "table (default), csv or html.")
        String format;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to this file instead of the terminal.")
        Path out;

        @Spec
        CommandSpec spec;

        Output(Services services) {
            this.services = services;
        }

        LocalDate today() {
            return LocalDate.now(services.bean(Clock.class));
        }

        int emit(Supplier<String> table, Supplier<String> csv, Supplier<String> html) {
            String text = switch (format) {
                case "table" -> table.get();
                case "csv" -> csv.get();
                case "html" -> html.get();
                default -> throw new RejectedInputException("unknown format '" + format + "' (table, csv or html)");
            };
            PrintWriter w = spec.commandLine().getOut();
            if (out == null) {
                w.print(text);
            } else {
                write(out, text);
                w.println("wrote " + out);
            }
            w.flush();
            return Cli.OK;
        }
    }

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "aging", mixinStandardHelpOptions = true,
            description = "Open items per customer by days past due: not due, 0-30, 31-60, 61-90, over 90.")
    static class Aging extends Output {

        @Option(names = "--date", paramLabel = "DATE", description = "As of this date (default today).")
        LocalDate date;

        Aging(Services services) {
            super(services);
        }

        @Override
        public Integer call() {
            LocalDate d = date != null ? date : today();
            AgingQuery q = services.bean(AgingQuery.class);
            AgingReport r = q.aging(d);
            return emit(() -> TextReports.aging(r), () -> CsvReports.aging(r),
                    () -> HtmlReports.agingPage(r, q.overdueSeries(d)));
        }
    }

    @Command(name = "reconciliation", aliases = "avstemming", mixinStandardHelpOptions = true,
            description = "Customer ledger against the control account, bank statements against their "
                    + "transactions, booked transactions against their postings; every difference with its cause.")
    static class Reconcile extends Output {

        @Option(names = "--date", paramLabel = "DATE", description = "As of this date (default today).")
        LocalDate date;

        Reconcile(Services services) {
            super(services);
        }

        @Override
        public Integer call() {
            Reconciliation r = services.bean(ReconciliationQuery.class).reconcile(date != null ? date : today());
            return emit(() -> TextReports.reconciliation(r), () -> CsvReports.reconciliation(r),
                    () -> HtmlReports.reconciliationPage(r));
        }
    }

    @Command(name = "keyfigures", mixinStandardHelpOptions = true,
            description = "DSO, loss percentage, overdue rate, loss provision proposal, payment pattern per customer.")
    static class Figures extends Output {

        @Option(names = "--from", paramLabel = "DATE", description = "First day of the period (default: a year "
                + "before --to).")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", description = "Last day of the period (default today).")
        LocalDate to;

        @Option(names = "--provision-percent", paramLabel = "PERCENT",
                description = "Loss provision as a percentage of the outstanding receivables (default "
                        + "reskontro.reports.provision-percent, 5).")
        BigDecimal provisionPercent;

        Figures(Services services) {
            super(services);
        }

        @Override
        public Integer call() {
            LocalDate end = to != null ? to : today();
            LocalDate start = from != null ? from : end.minusYears(1).plusDays(1);
            if (end.isBefore(start)) {
                throw new RejectedInputException("--to " + end + " is before --from " + start);
            }
            if (provisionPercent != null && (provisionPercent.signum() < 0 || provisionPercent.compareTo(BigDecimal.valueOf(100)) > 0)) {
                throw new RejectedInputException("--provision-percent must be between 0 and 100: " + provisionPercent);
            }
            KeyFiguresQuery q = services.bean(KeyFiguresQuery.class);
            KeyFigures k = provisionPercent == null ? q.keyFigures(start, end) : q.keyFigures(start, end, provisionPercent);
            return emit(() -> TextReports.keyFigures(k), () -> CsvReports.keyFigures(k), () -> HtmlReports.keyFiguresPage(k));
        }
    }

    @Command(name = "daily", mixinStandardHelpOptions = true,
            description = "Writes the combined daily HTML report (reconciliation, aging, key figures) and CSVs.")
    static class Daily implements Callable<Integer> {

        private final Services services;

        @Option(names = "--date", paramLabel = "DATE", description = "Business date (default today).")
        LocalDate date;

        @Option(names = "--out", paramLabel = "DIR", description = "Directory (default reskontro.folders.reports).")
        Path dir;

        @Spec
        CommandSpec spec;

        Daily(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            LocalDate d = date != null ? date : LocalDate.now(services.bean(Clock.class));
            Path target = dir != null ? dir : services.bean(org.reskontro.operations.config.ReskontroProperties.class)
                    .folders().reports();
            Path html = services.bean(DailyReportWriter.class).write(d, target);
            spec.commandLine().getOut().println("wrote " + html);
            spec.commandLine().getOut().flush();
            return Cli.OK;
        }
    }
}
