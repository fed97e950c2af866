package org.reskontro.operations.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.reskontro.operations.jdbc.PersonalData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro privacy}: a person's data, exported or erased (GDPR art. 15 and 17). */
@Command(name = "privacy", mixinStandardHelpOptions = true,
        description = "Exports everything held about a customer, or erases (anonymises) its personal data.",
        subcommands = {PrivacyCommand.Export.class, PrivacyCommand.Erase.class})
class PrivacyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Everything held about a customer as JSON: customer, invoices, postings, allocations, bank "
                    + "transactions with payer details, letters (metadata), dunning history and audit rows.")
    static class Export implements Callable<Integer> {
        private final Services services;

        @Option(names = "--customer", required = true, paramLabel = "NO")
        String customer;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path out;

        @Option(names = "--user", paramLabel = "NAME", description = "Who asks (kept in the audit log).")
        String user;

        @Spec
        CommandSpec spec;

        Export(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException {
            String json = services.bean(PersonalData.class).export(customer, UnmatchedCommand.user(user));
            if (out != null) {
                Files.writeString(out, json, StandardCharsets.UTF_8);
                spec.commandLine().getOut().println("Written: " + out.toAbsolutePath());
            } else {
                spec.commandLine().getOut().print(json);
            }
            spec.commandLine().getOut().flush();
            return Cli.OK;
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = {"Anonymises a customer's name, address, e-mail, org number, the payer details of its bank "
                    + "transactions and its letters, keeping every posting whole. Only when it owes nothing, has "
                    + "nothing on account or unsent, and the retention period is over (NO 5, SE 7 years after the "
                    + "end of the financial year of the last posting; reskontro.privacy.retention-years.NO/SE).",
                    "Exit 2 with the reason when refused."})
    static class Erase implements Callable<Integer> {
        private final Services services;

        @Option(names = "--customer", required = true, paramLabel = "NO")
        String customer;

        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The date of the erasure (default: today).")
        LocalDate date;

        @Option(names = "--user", paramLabel = "NAME", description = "Who does it (kept in the audit log).")
        String user;

        @Spec
        CommandSpec spec;

        Erase(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            LocalDate d = date != null ? date : LocalDate.now(services.bean(Clock.class));
            PersonalData.Erased e = services.bean(PersonalData.class).erase(customer, d, UnmatchedCommand.user(user));
            spec.commandLine().getOut().printf("Customer %s: personal data erased (records were kept until %s); "
                    + "%d bank transaction(s) and %d letter(s) anonymised; postings unchanged%n", e.customerNo(),
                    e.keptUntil(), e.transactions(), e.letters());
            spec.commandLine().getOut().flush();
            return Cli.OK;
        }
    }
}
