package org.reskontro.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The reconciliation (avstemming / avstämning) as of a date: the checks that must balance, every difference with
 * its cause, and the items a person has to follow up (unmatched bank transactions, unallocated credits). The
 * ledger is reconciled when every check balances and no difference is found; items to follow up do not make it
 * unreconciled, they are listed so they are not forgotten.
 */
public record Reconciliation(LocalDate date, List<Check> checks, List<Finding> findings) {

    /** Two amounts that must be equal, e.g. the open items against the control account in one currency. */
    public record Check(String area, String subject, String currency, String leftLabel, BigDecimal left,
                        String rightLabel, BigDecimal right) {
        public BigDecimal difference() {
            return left.subtract(right);
        }

        public boolean balances() {
            return difference().signum() == 0;
        }
    }

    /** Something the reconciliation found. */
    public sealed interface Finding permits Difference, FollowUp {
        String subject();

        BigDecimal amount();

        String currency();
    }

    /** A difference: what differs, by how much, and why. */
    public record Difference(String area, String subject, BigDecimal amount, String currency, String cause)
            implements Finding {
    }

    /** An item that balances but needs a person: an unmatched transaction, an unallocated credit. */
    public record FollowUp(Kind kind, String subject, LocalDate date, BigDecimal amount, String currency, String note)
            implements Finding {
    }

    /** The kinds of item to follow up. */
    public enum Kind {
        UNMATCHED_TRANSACTION("Unmatched bank transaction"), UNALLOCATED_CREDIT("Unallocated credit");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public List<Difference> differences() {
        return findings.stream().filter(Difference.class::isInstance).map(Difference.class::cast).toList();
    }

    public List<FollowUp> followUps() {
        return findings.stream().filter(FollowUp.class::isInstance).map(FollowUp.class::cast).toList();
    }

    public boolean reconciled() {
        return differences().isEmpty() && checks.stream().allMatch(Check::balances);
    }

    /** One line: RECONCILED or NOT RECONCILED with the counts. */
    public String status() {
        long failed = checks.stream().filter(c -> !c.balances()).count();
        String follow = followUps().isEmpty() ? "" : ", " + followUps().size() + " item(s) to follow up";
        return reconciled()
                ? "RECONCILED: " + checks.size() + " check(s) balance" + follow
                : "NOT RECONCILED: " + failed + " check(s) out of balance, " + differences().size() + " difference(s)"
                + follow;
    }
}
