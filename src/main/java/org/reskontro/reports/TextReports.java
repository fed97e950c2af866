package org.reskontro.reports;

import java.math.BigDecimal;

/** Renders the reports as readable tables for a terminal. */
public final class TextReports {

    private static final String NL = System.lineSeparator();

    private TextReports() {
    }

    public static String aging(AgingReport r) {
        StringBuilder b = new StringBuilder();
        b.append("Aging analysis as of ").append(r.date()).append(" (days past due date)").append(NL);
        if (r.sections().isEmpty()) {
            b.append(NL).append("No open items.").append(NL);
        }
        String row = "%-10s %-28s %14s %14s %14s %14s %14s %15s" + NL;
        for (AgingReport.Section s : r.sections()) {
            b.append(NL).append("Currency ").append(s.currency()).append(NL);
            b.append(String.format(row, "Customer", "Name", "Not due", "0-30", "31-60", "61-90", "> 90", "Total"));
            for (AgingReport.Row c : s.rows()) {
                b.append(line(row, c.customerNo(), Fmt.cut(c.customerName(), 28), c));
            }
            b.append(line(row, "Total", "", s.total()));
            b.append(String.format(row, "Share", "", pct(s, Bucket.NOT_DUE), pct(s, Bucket.DAYS_0_30),
                    pct(s, Bucket.DAYS_31_60), pct(s, Bucket.DAYS_61_90), pct(s, Bucket.OVER_90),
                    s.total().total().signum() == 0 ? "n/a" : "100 %"));
            b.append(String.format("Overdue %s %s (%s of the total)%n", Fmt.amount(s.overdue()), s.currency(),
                    Fmt.percentText(Fmt.percent(s.overdue(), s.total().total()))));
            if (s.unallocatedCredit().signum() != 0) {
                b.append(String.format("Unallocated credits %s %s (on account, not in the buckets)%n",
                        Fmt.amount(s.unallocatedCredit()), s.currency()));
            }
        }
        return b.toString();
    }

    private static String line(String row, String no, String name, AgingReport.Row c) {
        return String.format(row, no, name, Fmt.amount(c.amount(Bucket.NOT_DUE)), Fmt.amount(c.amount(Bucket.DAYS_0_30)),
                Fmt.amount(c.amount(Bucket.DAYS_31_60)), Fmt.amount(c.amount(Bucket.DAYS_61_90)),
                Fmt.amount(c.amount(Bucket.OVER_90)), Fmt.amount(c.total()));
    }

    private static String pct(AgingReport.Section s, Bucket b) {
        return Fmt.percentText(s.share(b));
    }

    public static String reconciliation(Reconciliation r) {
        StringBuilder b = new StringBuilder();
        b.append("Reconciliation as of ").append(r.date()).append(NL).append(NL);
        b.append(r.status()).append(NL).append(NL);
        String row = "%-14s %-34s %-4s %16s %16s %14s  %s" + NL;
        b.append(String.format(row, "Area", "Check", "Cur", "Left", "Right", "Difference", ""));
        for (Reconciliation.Check c : r.checks()) {
            b.append(String.format(row, c.area(), Fmt.cut(c.subject(), 34), c.currency() == null ? "" : c.currency(),
                    Fmt.amount(c.left()), Fmt.amount(c.right()), Fmt.amount(c.difference()),
                    c.balances() ? "ok" : "DIFFERENCE"));
            b.append(String.format("%-14s   left: %s, right: %s%n", "", c.leftLabel(), c.rightLabel()));
        }
        if (!r.differences().isEmpty()) {
            b.append(NL).append("Differences and their causes").append(NL);
            for (Reconciliation.Difference d : r.differences()) {
                b.append(String.format("- [%s] %s: %s %s%n    cause: %s%n", d.area(), d.subject(),
                        Fmt.amount(d.amount()), d.currency() == null ? "" : d.currency(), d.cause()));
            }
        }
        if (!r.followUps().isEmpty()) {
            b.append(NL).append("To follow up").append(NL);
            for (Reconciliation.FollowUp f : r.followUps()) {
                b.append(String.format("- %s %s %s: %s %s%s%n", f.kind().label(), f.date() == null ? "" : f.date(),
                        f.subject(), Fmt.amount(f.amount()), f.currency(), f.note() == null ? "" : " (" + f.note() + ")"));
            }
        }
        return b.toString();
    }

    public static String keyFigures(KeyFigures k) {
        StringBuilder b = new StringBuilder();
        b.append("Key figures ").append(k.from()).append(" to ").append(k.to()).append(" (").append(k.days())
                .append(" days)").append(NL);
        if (k.currencies().isEmpty()) {
            b.append(NL).append("No receivables and no revenue in the period.").append(NL);
        }
        for (KeyFigures.CurrencyFigures c : k.currencies()) {
            b.append(NL).append("Currency ").append(c.currency()).append(NL);
            b.append(String.format("  Receivables at %s        %16s%n", k.to(), Fmt.amount(c.receivables())));
            b.append(String.format("  Overdue at %s            %16s%n", k.to(), Fmt.amount(c.overdue())));
            b.append(String.format("  Revenue (invoiced) in period    %16s%n", Fmt.amount(c.revenue())));
            b.append(String.format("  Losses (write-offs) in period   %16s%n", Fmt.amount(c.losses())));
            b.append(String.format("  Days sales outstanding (DSO)    %16s%n",
                    c.dso() == null ? "n/a" : c.dso().toPlainString() + " days"));
            b.append(String.format("  Loss percentage                 %16s%n", Fmt.percentText(c.lossPercent())));
            b.append(String.format("  Overdue rate                    %16s%n", Fmt.percentText(c.overdueRate())));
            LossProvision p = c.provision();
            b.append(String.format("  Loss provision proposal: %s %% of %s = %s %s%n", p.percent().stripTrailingZeros()
                    .toPlainString(), Fmt.amount(p.outstanding()), Fmt.amount(p.amount()), p.currency()));
            b.append(String.format("    Debit  %s Loss on receivables        %16s%n", p.debitAccount(), Fmt.amount(p.amount())));
            b.append(String.format("    Credit %s Provision for losses       %16s%n", p.creditAccount(), Fmt.amount(p.amount())));
        }
        if (!k.customers().isEmpty()) {
            b.append(NL).append("Payment pattern per customer (payments allocated in the period)").append(NL);
            String row = "%-10s %-28s %-4s %6s %16s %9s %8s %6s %9s  %s" + NL;
            b.append(String.format(row, "Customer", "Name", "Cur", "Items", "Paid", "Avg days", "On time", "Late",
                    "Days late", "Pattern"));
            for (KeyFigures.PaymentPattern p : k.customers()) {
                b.append(String.format(row, p.customerNo(), Fmt.cut(p.customerName(), 28), p.currency(), p.payments(),
                        Fmt.amount(p.paid()), text(p.averageDaysToPay()), Fmt.percentText(p.onTimePercent()),
                        Fmt.percentText(p.latePercent()), text(p.averageDaysLate()), p.pattern()));
            }
        }
        return b.toString();
    }

    private static String text(BigDecimal n) {
        return n == null ? "n/a" : n.toPlainString();
    }
}
