package org.reskontro.operations.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.reskontro.bankfile.batch.ImportBankFilesJobConfiguration;
import org.reskontro.common.RejectedInputException;
import org.reskontro.operations.batch.JobRunner;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro import}: bank files (camt.053/054, Nets OCR giro, BgMax) into the bank tables. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports bank files (camt.053, camt.054, Nets OCR giro, BgMax) given as FILE or waiting in the "
                + "inbox folder, then moves each to the archive folder (a rejected one to the rejected folder with a "
                + ".reason file). See docs/file-formats.md.",
                "A file or statement imported before is skipped; a transaction already stored from an overlapping "
                        + "file is stored once. Exit code 2 when a file was rejected."})
class ImportCommand implements Callable<Integer> {

    private final Services services;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Bank files to import.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--inbox", description = "Import every file in the inbox folder (reskontro.folders.inbox).")
    boolean inbox;

    @Option(names = "--accept-unbalanced", description = "Accept, with a warning, statements whose opening balance "
            + "plus entries differs from the closing balance, and OCR/BgMax files whose control totals disagree.")
    boolean acceptUnbalanced;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Business date recorded with the files.")
    LocalDate date;

    @Spec
    CommandSpec spec;

    ImportCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        if (files.isEmpty() && !inbox) {
            throw new RejectedInputException("give bank files to import, or --inbox");
        }
        List<String> paths = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new RejectedInputException(f + ": file not found");
            }
            paths.add(f.toAbsolutePath().toString());
        }
        JobParametersBuilder params = new JobParametersBuilder()
                .addString(ImportBankFilesJobConfiguration.FILES, String.join("\n", paths), false)
                .addString(ImportBankFilesJobConfiguration.INBOX, Boolean.toString(inbox), false)
                .addString(ImportBankFilesJobConfiguration.ACCEPT_UNBALANCED, Boolean.toString(acceptUnbalanced), false)
                .addString("request", UUID.randomUUID().toString());
        if (date != null) {
            params.addLocalDate("date", date, false);
        }
        Job job = services.bean(ImportBankFilesJobConfiguration.JOB_NAME, Job.class);
        JobRunner.Outcome outcome = services.bean(JobRunner.class).run(job, params.toJobParameters());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(outcome instanceof JobRunner.Outcome.Completed c)) {
            return Outcomes.report(outcome, out, err);
        }
        int rejected = 0;
        int lines = 0;
        for (StepExecution step : c.execution().getStepExecutions()) {
            if (!step.getExecutionContext().containsKey(ImportBankFilesJobConfiguration.REPORT)) {
                continue;
            }
            for (String line : step.getExecutionContext().getString(ImportBankFilesJobConfiguration.REPORT).split("\n")) {
                int tab = line.indexOf('\t');
                String kind = line.substring(0, tab);
                String message = line.substring(tab + 1);
                lines++;
                if ("REJECTED".equals(kind)) {
                    rejected++;
                    err.println("reskontro: rejected: " + message);
                } else {
                    out.println(message);
                }
            }
        }
        if (lines == 0) {
            out.println("no bank files to import");
        }
        out.flush();
        err.flush();
        return rejected > 0 ? Cli.REJECTED : Cli.OK;
    }
}
