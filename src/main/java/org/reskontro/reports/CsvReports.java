package org.reskontro.reports;

import java.math.BigDecimal;

/** Renders the reports as CSV for spreadsheets: plain amounts with a decimal point, one header line. */
public final class CsvReports {

    private static final String NL = "\r\n";

    private CsvReports() {
    }

    public static String aging(AgingReport r) {
        StringBuilder b = new StringBuilder("date,currency,customer_no,name,not_due,days_0_30,days_31_60,days_61_90,"
                + "over_90,total" + NL);
        for (AgingReport.Section s : r.sections()) {
            for (AgingReport.Row c : s.rows()) {
                b.append(row(r, s, c.customerNo(), c.customerName(), c));
            }
            b.append(row(r, s, "TOTAL", "", s.total()));
            b.append(r.date()).append(',').append(s.currency()).append(",SHARE_PERCENT,");
            for (Bucket k : Bucket.values()) {
                b.append(',').append(plain(s.share(k)));
            }
            b.append(',').append(s.total().total().signum() == 0 ? "" : "100").append(NL);
            if (s.unallocatedCredit().signum() != 0) {
                b.append(r.date()).append(',').append(s.currency()).append(",UNALLOCATED_CREDIT,,,,,,,")
                        .append(s.unallocatedCredit().toPlainString()).append(NL);
            }
        }
        return b.toString();
    }

    private static String row(AgingReport r, AgingReport.Section s, String no, String name, AgingReport.Row c) {
        StringBuilder b = new StringBuilder();
        b.append(r.date()).append(',').append(s.currency()).append(',').append(Fmt.csv(no)).append(',')
                .append(Fmt.csv(name));
        for (Bucket k : Bucket.values()) {
            b.append(',').append(c.amount(k).toPlainString());
        }
        return b.append(',').append(c.total().toPlainString()).append(NL).toString();
    }

    public static String reconciliation(Reconciliation r) {
        StringBuilder b = new StringBuilder("date,kind,area,subject,currency,left,right,difference,status,cause" + NL);
        for (Reconciliation.Check c : r.checks()) {
            b.append(r.date()).append(",CHECK,").append(Fmt.csv(c.area())).append(',').append(Fmt.csv(c.subject()))
                    .append(',').append(nz(c.currency())).append(',').append(c.left().toPlainString()).append(',')
                    .append(c.right().toPlainString()).append(',').append(c.difference().toPlainString()).append(',')
                    .append(c.balances() ? "OK" : "DIFFERENCE").append(',')
                    .append(Fmt.csv(c.leftLabel() + " vs " + c.rightLabel())).append(NL);
        }
        for (Reconciliation.Difference d : r.differences()) {
            b.append(r.date()).append(",DIFFERENCE,").append(Fmt.csv(d.area())).append(',').append(Fmt.csv(d.subject()))
                    .append(',').append(nz(d.currency())).append(",,,").append(d.amount().toPlainString())
                    .append(",DIFFERENCE,").append(Fmt.csv(d.cause())).append(NL);
        }
        for (Reconciliation.FollowUp f : r.followUps()) {
            b.append(f.date() == null ? r.date() : f.date()).append(',').append(f.kind().name()).append(",follow-up,")
                    .append(Fmt.csv(f.subject())).append(',').append(f.currency()).append(",,,")
                    .append(f.amount().toPlainString()).append(",FOLLOW_UP,").append(Fmt.csv(f.note())).append(NL);
        }
        b.append(r.date()).append(",STATUS,,,,,,,").append(r.reconciled() ? "RECONCILED" : "NOT_RECONCILED").append(',')
                .append(Fmt.csv(r.status())).append(NL);
        return b.toString();
    }

    public static String keyFigures(KeyFigures k) {
        StringBuilder b = new StringBuilder("from,to,currency,customer_no,name,figure,value" + NL);
        for (KeyFigures.CurrencyFigures c : k.currencies()) {
            String p = k.from() + "," + k.to() + "," + c.currency() + ",,,";
            b.append(p).append("receivables,").append(c.receivables().toPlainString()).append(NL);
            b.append(p).append("overdue,").append(c.overdue().toPlainString()).append(NL);
            b.append(p).append("revenue,").append(c.revenue().toPlainString()).append(NL);
            b.append(p).append("losses,").append(c.losses().toPlainString()).append(NL);
            b.append(p).append("dso_days,").append(plain(c.dso())).append(NL);
            b.append(p).append("loss_percent,").append(plain(c.lossPercent())).append(NL);
            b.append(p).append("overdue_rate_percent,").append(plain(c.overdueRate())).append(NL);
            b.append(p).append("provision_percent,").append(c.provision().percent().toPlainString()).append(NL);
            b.append(p).append("provision_amount,").append(c.provision().amount().toPlainString()).append(NL);
            b.append(p).append("provision_debit_account,").append(c.provision().debitAccount()).append(NL);
            b.append(p).append("provision_credit_account,").append(c.provision().creditAccount()).append(NL);
        }
        for (KeyFigures.PaymentPattern c : k.customers()) {
            String p = k.from() + "," + k.to() + "," + c.currency() + "," + Fmt.csv(c.customerNo()) + ","
                    + Fmt.csv(c.customerName()) + ",";
            b.append(p).append("paid,").append(c.paid().toPlainString()).append(NL);
            b.append(p).append("average_days_to_pay,").append(plain(c.averageDaysToPay())).append(NL);
            b.append(p).append("on_time_percent,").append(plain(c.onTimePercent())).append(NL);
            b.append(p).append("average_days_late,").append(plain(c.averageDaysLate())).append(NL);
        }
        return b.toString();
    }

    private static String plain(BigDecimal n) {
        return n == null ? "" : n.toPlainString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
