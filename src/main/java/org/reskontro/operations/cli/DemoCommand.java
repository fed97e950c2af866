package org.reskontro.operations.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.reskontro.common.RejectedInputException;
import org.reskontro.operations.config.ReskontroProperties;
import org.reskontro.operations.jdbc.RunSummaryQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code reskontro demo}: the sample story end to end on whatever database is configured (the embedded one by
 * default): imports the sample ledger, puts the sample bank files in the inbox, runs the nightly job for the
 * story's business date and shows what happened.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the nightly job on the bundled sample data: imports sample-data/*.csv, copies "
                + "sample-data/bank/* into the inbox, runs 'nightly --date 2024-04-30' and shows what happened.",
                "Safe to run again: nothing is doubled. Start over with 'rm -rf var'."})
class DemoCommand implements Callable<Integer> {

    private final Services services;

    @Option(names = "--sample-data", defaultValue = "sample-data", paramLabel = "DIR",
            description = "The sample data folder (default: ${DEFAULT-VALUE}).")
    Path sampleData;

    @Option(names = "--date", defaultValue = "2024-04-30", paramLabel = "YYYY-MM-DD",
            description = "The business date of the story (default: ${DEFAULT-VALUE}).")
    LocalDate date;

    @Spec
    CommandSpec spec;

    DemoCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(sampleData)) {
            throw new RejectedInputException(sampleData + ": sample data folder not found (run from the project folder)");
        }
        out.println("== 1. Import the sample ledger (customers, invoices, credit notes, payment history)");
        out.flush();
        int code = sub().execute("import-ledger", "--customers", sampleData.resolve("customers.csv").toString(),
                "--invoices", sampleData.resolve("invoices.csv").toString(),
                "--payments", sampleData.resolve("payments.csv").toString());
        if (code != Cli.OK) {
            return code;
        }
        ReskontroProperties.Folders folders = services.bean(ReskontroProperties.class).folders();
        out.println();
        out.println("== 2. The bank delivers its files to the inbox " + folders.inbox().toAbsolutePath());
        Files.createDirectories(folders.inbox());
        Path bank = sampleData.resolve("bank");
        if (Files.isDirectory(bank)) {
            try (Stream<Path> files = Files.list(bank)) {
                for (Path f : files.sorted().toList()) {
                    boolean seen = Files.exists(folders.archive().resolve(f.getFileName()))
                            || Files.exists(folders.rejected().resolve(f.getFileName()));
                    if (seen) {
                        out.println("   " + f.getFileName() + " (handled by an earlier run)");
                    } else {
                        Files.copy(f, folders.inbox().resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                        out.println("   " + f.getFileName());
                    }
                }
            }
        }
        out.println();
        out.println("== 3. The nightly job for " + date);
        out.flush();
        code = sub().execute("nightly", "--date", date.toString());
        out.println();
        summary(out, folders);
        out.flush();
        return code;
    }

    private CommandLine sub() {
        CommandLine cl = Cli.create(services);
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(spec.commandLine().getErr());
        return cl;
    }

    private void summary(PrintWriter out, ReskontroProperties.Folders folders) {
        RunSummaryQuery.Summary s = services.bean(RunSummaryQuery.class).summary();
        out.println("== What happened");
        out.printf("   ledger: %d customers, %d open invoices%n", s.customers(), s.openInvoices());
        out.printf("   bank files imported: %d, with %d transactions%n", s.bankFiles(), s.bankTransactions());
        print(out, "   payments by matching state", s.transactionsByStatus());
        print(out, "   invoices by dunning level", s.invoicesByDunningLevel());
        print(out, "   letters", s.lettersByStatus());
        out.println();
        out.println("== Where to look");
        for (Map.Entry<String, Path> e : List.of(Map.entry("archived bank files", folders.archive()),
                Map.entry("rejected files (with .reason)", folders.rejected()),
                Map.entry("letters as .eml (open in a mail program)", folders.outbox()),
                Map.entry("PDF letters to print", folders.print()),
                Map.entry("reports (open the HTML in a browser)", folders.reports()),
                Map.entry("exports (journal, collection)", folders.export()))) {
            out.printf("   %-42s %s%n", e.getKey(), e.getValue().toAbsolutePath());
        }
        out.println();
        out.println("   Try: java -jar target/reskontro.jar statement --customer 10001");
        out.println("        java -jar target/reskontro.jar jobs");
    }

    private static void print(PrintWriter out, String title, Map<?, Long> counts) {
        if (counts.isEmpty()) {
            out.println(title + ": none");
            return;
        }
        StringBuilder sb = new StringBuilder(title).append(": ");
        counts.forEach((k, v) -> sb.append(k).append(' ').append(v).append(", "));
        out.println(sb.substring(0, sb.length() - 2));
    }
}
