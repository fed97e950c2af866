package org.reskontro.operations.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.concurrent.Callable;

import org.reskontro.common.RejectedInputException;
import org.reskontro.ledger.AccountStatement;
import org.reskontro.ledger.jdbc.StatementQuery;
import org.reskontro.reports.HtmlReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro statement --customer N}: the customer's account with running balances. */
@Command(name = "statement", mixinStandardHelpOptions = true,
        description = "Prints a customer's account statement: every posting with the running balance.")
class StatementCommand implements Callable<Integer> {

    private final Services services;

    @Option(names = "--customer", required = true, paramLabel = "NO", description = "Customer number.")
    String customer;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table (default), csv or html.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to this file instead of the terminal.")
    java.nio.file.Path out;

    @Spec
    CommandSpec spec;

    StatementCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        AccountStatement statement = services.bean(StatementQuery.class).statement(customer)
                .orElseThrow(() -> new RejectedInputException("no customer with number " + customer));
        PrintWriter terminal = spec.commandLine().getOut();
        java.io.StringWriter text = new java.io.StringWriter();
        PrintWriter w = out == null ? terminal : new PrintWriter(text);
        switch (format) {
            case "table" -> table(statement, w);
            case "csv" -> csv(statement, w);
            case "html" -> w.print(HtmlReports.statementPage(statement));
            default -> throw new RejectedInputException("unknown format '" + format + "' (table, csv or html)");
        }
        w.flush();
        if (out != null) {
            ReportCommand.write(out, text.toString());
            terminal.println("wrote " + out);
        }
        terminal.flush();
        return Cli.OK;
    }

    private static void table(AccountStatement s, PrintWriter out) {
        out.printf("Account statement, customer %s %s (%s)%n%n", s.customerNo(), s.customerName(), s.currency());
        String row = "%-10s  %-15s  %-12s  %-20s  %14s  %14s  %14s%n";
        out.printf(row, "Date", "Type", "Document", "Text", "Debit", "Credit", "Balance");
        for (AccountStatement.Line l : s.lines()) {
            out.printf(row, l.date(), label(l), l.document() == null ? "" : l.document(),
                    l.text() == null ? "" : cut(l.text(), 20), blankZero(l.debit()), blankZero(l.credit()),
                    Amounts.format(l.balance()));
        }
        out.printf("%nBalance %s %s%n", Amounts.format(s.balance()), s.currency());
    }

    private static void csv(AccountStatement s, PrintWriter out) {
        out.println("date,type,document,text,amount,balance");
        for (AccountStatement.Line l : s.lines()) {
            out.printf("%s,%s,%s,%s,%s,%s%n", l.date(), l.type(), quote(l.document()), quote(l.text()),
                    l.amount().toPlainString(), l.balance().toPlainString());
        }
    }

    private static String label(AccountStatement.Line l) {
        String name = l.type().name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String blankZero(BigDecimal amount) {
        return amount.signum() == 0 ? "" : Amounts.format(amount);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String quote(String s) {
        return org.reskontro.common.Texts.csvText(s);
    }
}
