package org.reskontro.operations.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.reskontro.common.RejectedInputException;
import org.reskontro.common.Texts;
import org.reskontro.matching.jdbc.ManualMatching;
import org.reskontro.matching.jdbc.Refunds;
import org.reskontro.matching.jdbc.WorkQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro unmatched}: the work queue of transactions no rule could decide. */
@Command(name = "unmatched", mixinStandardHelpOptions = true,
        description = "The work queue: open bank transactions with up to three ranked suggestions, and the manual actions.",
        subcommands = {UnmatchedCommand.ListQueue.class, UnmatchedCommand.Show.class, UnmatchedCommand.Assign.class,
                UnmatchedCommand.Credit.class, UnmatchedCommand.Ignore.class, UnmatchedCommand.Undo.class,
                UnmatchedCommand.Credits.class, UnmatchedCommand.Refund.class})
class UnmatchedCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** One ranked suggestion, as {@code list} and {@code show} print it. */
    static void printSuggestion(PrintWriter out, WorkQueue.Listed s) {
        out.printf("    %d. invoice %s (customer %s, open %s) score %d: %s%n", s.rank(), s.invoiceNo(), s.customerNo(),
                Amounts.format(s.open()), s.score(), s.why());
    }

    static String user(String option) {
        return option != null && !option.isBlank() ? option : System.getProperty("user.name", "unknown");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the open transactions with suggestions.")
    static class ListQueue implements Callable<Integer> {
        private final Services services;

        @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "At most N transactions (100).")
        int limit;

        @Option(names = "--search", paramLabel = "TEXT",
                description = "Only those whose payer name, reference or text contains TEXT (any case).")
        String search;

        @Option(names = "--amount", paramLabel = "AMOUNT", description = "Only those of exactly this amount.")
        java.math.BigDecimal amount;

        @Option(names = "--min-amount", paramLabel = "AMOUNT", description = "Only those of at least this amount.")
        java.math.BigDecimal minAmount;

        @Option(names = "--max-amount", paramLabel = "AMOUNT", description = "Only those of at most this amount.")
        java.math.BigDecimal maxAmount;

        @Option(names = "--currency", paramLabel = "CUR", description = "Only those in this currency.")
        String currency;

        @Option(names = "--from", paramLabel = "DATE", description = "Only those booked on or after DATE.")
        java.time.LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", description = "Only those booked on or before DATE.")
        java.time.LocalDate to;

        @Option(names = "--largest-first", description = "Largest amounts first (default: oldest first).")
        boolean largestFirst;

        @Option(names = "--csv", description = "As CSV, for a spreadsheet: one line per transaction, its suggestions "
                + "in one field.")
        boolean csv;

        @Spec
        CommandSpec spec;

        ListQueue(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new RejectedInputException("--limit must be at least 1, not " + limit);
            }
            if (amount != null && (minAmount != null || maxAmount != null)) {
                throw new RejectedInputException("--amount is an exact amount; it does not go with --min-amount or "
                        + "--max-amount");
            }
            PrintWriter out = spec.commandLine().getOut();
            WorkQueue.Page page = services.bean(WorkQueue.class).list(new WorkQueue.Filter(search,
                    amount != null ? amount : minAmount, amount != null ? amount : maxAmount, currency, from, to,
                    largestFirst, limit));
            List<WorkQueue.Item> items = page.items();
            if (csv) {
                printCsv(out, items);
                return Cli.OK;
            }
            boolean filtered = search != null || amount != null || minAmount != null || maxAmount != null
                    || currency != null || from != null || to != null;
            if (items.isEmpty()) {
                out.println(filtered ? "No open transaction matches." : "Nothing left to match.");
            }
            for (WorkQueue.Item i : items) {
                out.printf("#%d  %s  %s %s  %s%n", i.id(), i.bookingDate() == null ? "" : i.bookingDate(),
                        Amounts.format(i.amount()), i.currency(), i.payerName() == null ? "(no payer name)" : i.payerName());
                if (i.reference() != null) {
                    out.printf("    reference: %s%n", i.reference());
                }
                if (i.text() != null) {
                    out.printf("    text: %s%n", i.text());
                }
                if (i.reason() != null) {
                    out.printf("    why open: %s%n", i.reason());
                }
                i.suggestions().forEach(s -> printSuggestion(out, s));
                if (i.suggestions().isEmpty()) {
                    out.println("    no suggestion");
                }
            }
            long found = page.totals().stream().mapToLong(WorkQueue.Total::count).sum();
            if (found > 0) {
                out.printf("%s %d of %d open transaction(s)%s: %s%n", items.size() < found ? "showing" : "all",
                        items.size(), found, filtered ? " that match" : "", String.join("; ", page.totals().stream()
                                .map(t -> t.count() + " " + t.currency() + " " + Amounts.format(t.amount())).toList()));
            }
            out.flush();
            return Cli.OK;
        }
    }

    static void printCsv(PrintWriter out, List<WorkQueue.Item> items) {
        out.println("transaction,booking_date,amount,currency,payer_name,reference,text,why_open,suggestions");
        for (WorkQueue.Item i : items) {
            String suggestions = String.join(" | ", i.suggestions().stream().map(s -> s.rank() + ". invoice "
                    + s.invoiceNo() + " (customer " + s.customerNo() + ", open " + s.open().toPlainString() + ", score "
                    + s.score() + "): " + s.why()).toList());
            out.println(String.join(",", String.valueOf(i.id()),
                    i.bookingDate() == null ? "" : i.bookingDate().toString(), i.amount().toPlainString(), i.currency(),
                    Texts.csvText(i.payerName()), Texts.csvText(i.reference()), Texts.csvText(i.text()),
                    Texts.csvText(i.reason()), Texts.csvText(suggestions)));
        }
        out.flush();
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows one bank transaction whatever its state: what the bank sent, what was decided and "
                    + "why, its suggestions, the postings and allocations booked for it (and their reversals), and "
                    + "who did what with it.")
    static class Show implements Callable<Integer> {
        private final Services services;

        @Parameters(index = "0", paramLabel = "TRANSACTION")
        long transaction;

        @Spec
        CommandSpec spec;

        Show(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            WorkQueue.Detail t = services.bean(WorkQueue.class).show(transaction)
                    .orElseThrow(() -> new RejectedInputException("bank transaction " + transaction + ": not found"));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Bank transaction #%d  %s  %s %s%n", t.id(), t.bookingDate() == null ? "" : t.bookingDate(),
                    Amounts.format(t.amount()), t.currency());
            line(out, "payer", t.payerName() == null ? null
                    : t.payerName() + (t.payerAccount() == null ? "" : " (account " + t.payerAccount() + ")"));
            line(out, "reference", t.reference());
            line(out, "text", t.text());
            out.printf("  status: %s%s%s%n", t.status(), t.rule() == null ? "" : " by " + t.rule(),
                    t.customerNo() == null ? "" : ", customer " + t.customerNo());
            line(out, "evidence", t.evidence());
            line(out, "ignored because", t.ignoredReason());
            if (t.undone() > 0) {
                out.printf("  undone %d time(s): left to people, the matching job does not decide it%n", t.undone());
            }
            if (!t.suggestions().isEmpty()) {
                out.println("  suggestions:");
                t.suggestions().forEach(s -> printSuggestion(out, s));
            }
            out.println(t.postings().isEmpty() ? "  nothing booked" : "  booked:");
            for (WorkQueue.Booked p : t.postings()) {
                out.printf("    posting %d  %s  %s %s %s (%s)%s%n", p.postingId(), p.date(), p.type(),
                        Amounts.format(p.amount()), p.currency(), p.key(),
                        p.reverses() == null ? "" : ("REFUND".equals(p.type()) ? ", refunds the credit of posting "
                                : ", reverses posting ") + p.reverses());
                p.allocations().forEach(a -> out.println("      allocated: " + a));
            }
            for (WorkQueue.Audited a : t.audit()) {
                out.printf("  %s  %s  %s: %s%n", a.at(), a.actor(), a.action(), a.details());
            }
            out.flush();
            return Cli.OK;
        }

        private static void line(PrintWriter out, String label, String value) {
            if (value != null && !value.isBlank()) {
                out.printf("  %s: %s%n", label, value);
            }
        }
    }

    @Command(name = "credits", mixinStandardHelpOptions = true,
            description = "Lists the money on customers' accounts (overpayments, payments put on account, unused "
                    + "credit notes), to refund or to use; the nightly creditStep uses it on the customer's open invoices.")
    static class Credits implements Callable<Integer> {
        private final Services services;

        @Option(names = "--customer", paramLabel = "CUSTOMER", description = "Only this customer's money on account.")
        String customer;

        @Spec
        CommandSpec spec;

        Credits(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<org.reskontro.matching.jdbc.Credits.OpenCredit> credits =
                    services.bean(org.reskontro.matching.jdbc.Credits.class).open(customer);
            if (credits.isEmpty()) {
                out.println(customer == null ? "No money on account." : "No money on the account of " + customer + ".");
            }
            java.util.Map<String, java.math.BigDecimal> totals = new java.util.TreeMap<>();
            for (org.reskontro.matching.jdbc.Credits.OpenCredit c : credits) {
                out.printf("customer %s  %s  %s %s on account since %s (%s)%n", c.customerNo(),
                        c.name(), Amounts.format(c.left()), c.currency(), c.date(), c.describe());
                totals.merge(c.currency(), c.left(), java.math.BigDecimal::add);
            }
            totals.forEach((currency, total) -> out.printf("total %s %s%n", Amounts.format(total), currency));
            out.flush();
            return Cli.OK;
        }
    }

    @Command(name = "refund", mixinStandardHelpOptions = true,
            description = {"Records a refund of money on account that was paid back to the customer from the bank: "
                    + "the customer's credits in the currency are taken oldest first, so the credit step cannot use "
                    + "them again. Refused when it is more than the money on account, or when a refund with the same "
                    + "reference is already booked for the customer.",
                    "The journal export books it debit receivables, credit bank."})
    static class Refund implements Callable<Integer> {
        private final Services services;

        @Parameters(index = "0", paramLabel = "CUSTOMER")
        String customer;

        @Parameters(index = "1", arity = "0..1", paramLabel = "AMOUNT",
                description = "The amount paid back, e.g. 200.00 (with --transaction: the transaction's).")
        String amount;

        @Option(names = "--transaction", paramLabel = "TRANSACTION",
                description = "The payout in the bank statement (an outgoing transaction): its amount, currency, date "
                        + "and reference are the refund's unless given, and it is marked as this refund.")
        Long transaction;

        @Option(names = "--currency", paramLabel = "CUR", description = "Currency (default: the customer's).")
        String currency;

        @Option(names = "--reference", paramLabel = "REF",
                description = "The payout's reference (payment order or bank reference, at most 35 characters; "
                        + "required without --transaction); a refund with the same reference for the customer is not "
                        + "booked twice.")
        String reference;

        @Option(names = "--date", paramLabel = "DATE", description = "Date of the payout (yyyy-mm-dd); default today.")
        java.time.LocalDate date;

        @Mixin
        Why.Required why;

        @Spec
        CommandSpec spec;

        Refund(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            Refunds.Refunded r = services.bean(Refunds.class).refund(new Refunds.Request(customer, amount, currency,
                    reference, date, why.user(), why.reason(), transaction));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Refund %s of %s %s to customer %s booked on %s%s%n", r.reference(), Amounts.format(r.amount()),
                    r.currency(), r.customerNo(), r.date(),
                    r.transactionId() == null ? "" : "; bank transaction " + r.transactionId() + " is its payout");
            for (Refunds.Taken t : r.taken()) {
                out.printf("  %s %s from the credit of %s (refund posting %d)%n",
                        Amounts.format(t.amount()), r.currency(), t.credit(), t.refundPostingId());
            }
            out.printf("  left on account: %s %s%n", Amounts.format(r.leftOnAccount()), r.currency());
            out.flush();
            return Cli.OK;
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true,
            description = "Allocates a transaction to one or more invoices of one customer (in the order given).")
    static class Assign implements Callable<Integer> {
        private final Services services;

        @Parameters(index = "0", paramLabel = "TRANSACTION")
        long transaction;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "INVOICE")
        List<String> invoices;

        @Mixin
        Why.Optional why;

        @Spec
        CommandSpec spec;

        Assign(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            ManualMatching.Done d = services.bean(ManualMatching.class).assign(transaction, invoices, why.user(), why.reason());
            spec.commandLine().getOut().printf("Transaction %d assigned to %s%s%n", d.transactionId(),
                    String.join(", ", invoices),
                    d.onAccount().signum() > 0 ? "; " + Amounts.format(d.onAccount()) + " kept on account" : "");
            spec.commandLine().getOut().flush();
            return Cli.OK;
        }
    }

    @Command(name = "credit", mixinStandardHelpOptions = true,
            description = "Puts a transaction on a customer's account (a credit used later or refunded).")
    static class Credit implements Callable<Integer> {
        private final Services services;

        @Parameters(index = "0", paramLabel = "TRANSACTION")
        long transaction;

        @Parameters(index = "1", paramLabel = "CUSTOMER")
        String customer;

        @Mixin
        Why.Optional why;

        @Spec
        CommandSpec spec;

        Credit(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            ManualMatching.Done d = services.bean(ManualMatching.class).credit(transaction, customer, why.user(), why.reason());
            spec.commandLine().getOut().printf("Transaction %d put on the account of customer %s (%s)%n",
                    d.transactionId(), customer, Amounts.format(d.onAccount()));
            spec.commandLine().getOut().flush();
            return Cli.OK;
        }
    }

    /** An action on one transaction that must say why: ignore, undo. */
    abstract static class ReasonedAction implements Callable<Integer> {
        private final Services services;

        @Parameters(index = "0", paramLabel = "TRANSACTION")
        long transaction;

        @Mixin
        Why.Required why;

        @Spec
        CommandSpec spec;

        ReasonedAction(Services services) {
            this.services = services;
        }

        /** Does the action; returns what to print. */
        abstract String apply(ManualMatching actions, long transaction, String reason, String user);

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(apply(services.bean(ManualMatching.class), transaction, why.reason(), why.user()));
            spec.commandLine().getOut().flush();
            return Cli.OK;
        }
    }

    @Command(name = "ignore", mixinStandardHelpOptions = true,
            description = "Marks a transaction as not a customer payment.")
    static class Ignore extends ReasonedAction {
        Ignore(Services services) {
            super(services);
        }

        @Override
        String apply(ManualMatching actions, long transaction, String reason, String user) {
            actions.ignore(transaction, reason, user);
            return "Transaction " + transaction + " ignored";
        }
    }

    @Command(name = "undo", mixinStandardHelpOptions = true,
            description = "Undoes a match, a credit on account or an ignore, automatic or manual: the payment posting is "
                    + "reversed, its invoices are open again, and the transaction goes back to the queue for a person "
                    + "(the matching job leaves it alone from then on).")
    static class Undo extends ReasonedAction {
        Undo(Services services) {
            super(services);
        }

        @Override
        String apply(ManualMatching actions, long transaction, String reason, String user) {
            ManualMatching.Done d = actions.undo(transaction, reason, user);
            return "Transaction " + transaction + " is open again, for a person to match"
                    + (d.note() == null ? "" : "\nNote: " + d.note());
        }
    }
}
