package org.reskontro.operations.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.reskontro.common.Hashes;
import org.reskontro.common.RejectedInputException;
import org.reskontro.ledger.batch.ImportLedgerJobConfiguration;
import org.reskontro.operations.batch.JobRunner;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro import-ledger}: customers, open items and payment history from CSV. */
@Command(name = "import-ledger", mixinStandardHelpOptions = true,
        description = {"Imports customers, invoices, credit notes, opening balances and payment history from CSV "
                + "(see docs/file-formats.md).",
                "A file with a bad row is rejected whole; importing the same files again changes nothing."})
class ImportLedgerCommand implements Callable<Integer> {

    private final Services services;

    @Option(names = "--customers", paramLabel = "FILE", description = "Customers CSV.")
    Path customers;

    @Option(names = "--invoices", paramLabel = "FILE", description = "Invoices, credit notes and opening balances CSV.")
    Path invoices;

    @Option(names = "--payments", paramLabel = "FILE", description = "Payment history CSV.")
    Path payments;

    @Spec
    CommandSpec spec;

    ImportLedgerCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws Exception {
        if (customers == null && invoices == null && payments == null) {
            throw new RejectedInputException("give at least one of --customers, --invoices, --payments");
        }
        JobParametersBuilder params = new JobParametersBuilder();
        StringBuilder content = new StringBuilder();
        for (var e : new Object[][] {{ImportLedgerJobConfiguration.CUSTOMERS, customers},
                {ImportLedgerJobConfiguration.INVOICES, invoices}, {ImportLedgerJobConfiguration.PAYMENTS, payments}}) {
            Path file = (Path) e[1];
            if (file == null) {
                continue;
            }
            if (!Files.isRegularFile(file)) {
                throw new RejectedInputException(file + ": file not found");
            }
            params.addString((String) e[0], file.toAbsolutePath().toString(), false);
            content.append(e[0]).append('=').append(Hashes.sha256(file)).append(';');
        }
        params.addString("content.sha256", Hashes.sha256(content.toString()));
        Job job = services.bean(ImportLedgerJobConfiguration.JOB_NAME, Job.class);
        JobRunner.Outcome outcome = services.bean(JobRunner.class).run(job, params.toJobParameters());
        if (outcome instanceof JobRunner.Outcome.AlreadyComplete) {
            spec.commandLine().getOut().println("These files were imported before; the ledger is unchanged.");
            spec.commandLine().getOut().flush();
            return Cli.OK;
        }
        return Outcomes.report(outcome, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
