package org.reskontro.operations.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.reskontro.common.RejectedInputException;
import org.reskontro.matching.jdbc.JournalBatches;
import org.reskontro.matching.jdbc.JournalExport;
import org.reskontro.operations.config.ReskontroProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro export}: exports for other systems. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Exports for the general ledger.",
        subcommands = {ExportCommand.Journal.class})
class ExportCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "journal", mixinStandardHelpOptions = true,
            description = {"What reskontro booked in the customer ledger, as general-ledger lines (CSV): payments "
                    + "(debit bank, credit receivables), their reversals and refunds (the other way round), write-offs "
                    + "(debit loss), and the fees and interest dunning charged (debit receivables, credit fee or "
                    + "interest income). Accounts: reskontro.company.*-account, reskontro.matching.write-off-account."})
    static class Journal implements Callable<Integer> {
        private final Services services;

        @Option(names = "--from", paramLabel = "DATE", description = "The postings dated from DATE (with --to).")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", description = "... up to DATE, inclusive.")
        LocalDate to;

        @Option(names = "--batch", paramLabel = "DATE",
                description = "Instead of a date range: the general-ledger batch of business date DATE, as the nightly "
                        + "job writes it: every posting booked since the last batch, whatever its date, into "
                        + "journal-DATE.csv in the export folder (the same range again if DATE has a batch).")
        LocalDate batch;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path out;

        @Spec
        CommandSpec spec;

        Journal(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException {
            if (batch != null) {
                if (from != null || to != null || out != null) {
                    throw new RejectedInputException("--batch writes into the export folder; it takes no --from, --to "
                            + "or --out");
                }
                JournalBatches.Batch b = services.bean(JournalBatches.class).write(batch,
                        services.bean(ReskontroProperties.class).folders().export());
                spec.commandLine().getOut().printf("%d journal lines (postings %d to %d%s) written to %s%n", b.lines(),
                        b.afterId() + 1, b.upToId(), b.again() ? ", the batch of " + batch + " again" : "", b.file());
                spec.commandLine().getOut().flush();
                return Cli.OK;
            }
            if (from == null || to == null) {
                throw new RejectedInputException("give --from and --to, or --batch");
            }
            if (to.isBefore(from)) {
                throw new RejectedInputException("--to " + to + " is before --from " + from);
            }
            JournalExport export = services.bean(JournalExport.class);
            if (out == null) {
                PrintWriter w = spec.commandLine().getOut();
                export.export(from, to, w);
                return Cli.OK;
            }
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            int n;
            try (Writer w = new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8)) {
                n = export.export(from, to, w);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            spec.commandLine().getOut().printf("%d journal lines written to %s%n", n, out);
            spec.commandLine().getOut().flush();
            return Cli.OK;
        }
    }
}
