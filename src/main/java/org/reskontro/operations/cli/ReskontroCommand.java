package org.reskontro.operations.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: lists the subcommands. */
@Command(name = "reskontro", mixinStandardHelpOptions = true, version = "reskontro 0.1.0",
        description = "Keeps the customer ledger straight: imports bank files, matches payments, runs dunning "
                + "and sends the letters.",
        subcommands = {
                DemoCommand.class,
                ImportLedgerCommand.class,
                ParseCommand.class,
                ImportCommand.class,
                StatementCommand.class,
                ReportCommand.class,
                JobsCommand.class,
                RestartCommand.class,
                StopCommand.class,
                NightlyCommand.class,
                ServeCommand.class,
                DunningCommand.class,
                HoldCommand.class,
                LettersCommand.class,
                MatchCommand.class,
                UnmatchedCommand.class,
                ExportCommand.class,
                BenchCommand.class,
                VerifyCommand.class,
                PrivacyCommand.class,
                CommandLine.HelpCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  a job failed (it can be restarted)", "  2  bad usage or rejected input"})
public class ReskontroCommand implements Runnable {

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static boolean verbose(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
