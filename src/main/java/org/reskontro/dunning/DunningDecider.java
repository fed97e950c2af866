package org.reskontro.dunning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.reskontro.common.Money;
import org.reskontro.ledger.Country;
import org.reskontro.ledger.CustomerType;
import org.reskontro.letters.DunningLetter;

/**
 * The pure decide function: for a customer snapshot on a business date, the next level of each overdue item,
 * the fee and interest, and the letter. The first run on a ledger without history starts each item at the level
 * its days overdue call for, but never skips the final notice before collection: collection only follows a
 * final notice whose deadline has passed.
 */
public final class DunningDecider {

    private final DunningPolicy policy;
    private final LegalRules rules;

    public DunningDecider(DunningPolicy policy, LegalRules rules) {
        this.policy = policy;
        this.rules = rules;
    }

    public DunningPolicy policy() {
        return policy;
    }

    public LegalRules rules() {
        return rules;
    }

    public CustomerDecision decide(CustomerSnapshot c, LocalDate date) {
        List<ItemDecision> decisions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean customerHold = c.hold() != null && c.hold().activeOn(date);
        BigDecimal dunnable = BigDecimal.ZERO;
        RateTable rates = rules.lateInterestTable(c.country());
        for (OverdueItem item : c.items()) {
            if (item.openTotal().signum() <= 0 || !item.dueDate().isBefore(date)) {
                continue; // paid or not overdue: never dunned
            }
            BigDecimal interest = BigDecimal.ZERO; // accrued below, only for customers who get a letter
            if (customerHold) {
                String reason = "customer on hold: " + c.hold().reason() + until(c.hold().until());
                decisions.add(new ItemDecision.OnHold(item, reason, List.of(reason)));
            } else if (item.hold() != null && item.hold().activeOn(date)) {
                String reason = "invoice on hold: " + item.hold().reason() + until(item.hold().until());
                decisions.add(new ItemDecision.OnHold(item, reason, List.of(reason)));
            } else {
                dunnable = dunnable.add(item.openTotal());
                decisions.add(evaluate(c, item, date, interest));
            }
        }
        BigDecimal minimum = policy.minimum(c.currency());
        if (dunnable.signum() > 0 && dunnable.compareTo(minimum) < 0) {
            String note = "below the minimum overdue amount: " + dunnable.toPlainString() + " < "
                    + minimum.toPlainString() + " " + c.currency();
            notes.add(note);
            List<ItemDecision> stays = new ArrayList<>();
            for (ItemDecision d : decisions) {
                stays.add(d instanceof ItemDecision.OnHold ? d
                        : new ItemDecision.Stay(d.item(), d instanceof ItemDecision.Stay st ? st.interest()
                        : BigDecimal.ZERO, List.of(note)));
            }
            return new CustomerDecision(c, stays, null, notes);
        }
        boolean escalates = decisions.stream().anyMatch(ItemDecision.Escalate.class::isInstance);
        if (!escalates) {
            return new CustomerDecision(c, decisions, null, notes);
        }
        List<ItemDecision> withInterest = new ArrayList<>(decisions.size());
        for (ItemDecision d : decisions) {
            BigDecimal interest = interest(d.item(), date, rates);
            if (d instanceof ItemDecision.Escalate e) {
                withInterest.add(new ItemDecision.Escalate(e.item(), e.levelAfter(), e.fee(), e.feeRule(), interest,
                        e.compensation(), e.compensationRule(), e.notes()));
            } else if (d instanceof ItemDecision.Stay st) {
                withInterest.add(new ItemDecision.Stay(st.item(), interest, st.notes()));
            } else {
                withInterest.add(d);
            }
        }
        decisions = withInterest;
        DunningLetter letter = letter(c, decisions, date);
        return new CustomerDecision(c, decisions, letter, notes);
    }

    private ItemDecision evaluate(CustomerSnapshot c, OverdueItem item, LocalDate date, BigDecimal interest) {
        List<String> notes = new ArrayList<>();
        LocalDate effective = date.minusDays(policy.graceDays());
        long daysOverdue = ChronoUnit.DAYS.between(item.dueDate(), effective);
        long actualDays = ChronoUnit.DAYS.between(item.dueDate(), date);
        int current = item.level();
        int target = 0;
        for (DunningPolicy.Level l : policy.levels()) {
            if (daysOverdue >= l.daysOverdue()) {
                target = l.number();
            }
        }
        if (target <= current) {
            if (target == 0 && actualDays >= policy.level(1).daysOverdue()) {
                notes.add("payment in transit: " + policy.graceDays() + " grace days before the first level");
            } else if (current < DunningPolicy.COLLECTION) {
                notes.add("stays at level " + current + "; level " + (current + 1) + " from day "
                        + (policy.level(current + 1).daysOverdue() + policy.graceDays()) + " overdue");
            }
            return new ItemDecision.Stay(item, interest, notes);
        }
        int next = target;
        if (next == DunningPolicy.COLLECTION) {
            if (current < DunningPolicy.FINAL_NOTICE) {
                next = DunningPolicy.FINAL_NOTICE;
                notes.add("final notice first: " + rules.finalNoticeRule(c.country()));
            } else {
                LocalDate deadline = item.lastDunningDate() == null ? null
                        : item.lastDunningDate().plusDays(Math.max(policy.level(DunningPolicy.FINAL_NOTICE).paymentDays(),
                        rules.finalNoticeMinDays(c.country())));
                if (deadline != null && !date.isAfter(deadline)) {
                    notes.add("final notice deadline runs to " + deadline + ": " + rules.finalNoticeRule(c.country()));
                    return new ItemDecision.Stay(item, interest, notes);
                }
            }
        }
        if (current > 0 && item.lastDunningDate() != null) {
            long since = ChronoUnit.DAYS.between(item.lastDunningDate(), date);
            int needed = policy.level(next).minDaysSincePrevious();
            if (since < needed) {
                notes.add("waits: " + since + " days since the level " + current + " notice, the policy needs "
                        + needed);
                return new ItemDecision.Stay(item, interest, notes);
            }
        }
        if (next <= current) {
            return new ItemDecision.Stay(item, interest, notes);
        }
        String[] feeRule = new String[1];
        BigDecimal fee = fee(c, item, next, actualDays, date, notes, feeRule);
        BigDecimal compensation = BigDecimal.ZERO.setScale(Money.scale(item.currency()));
        String compensationRule = null;
        if (next == DunningPolicy.COLLECTION && c.type() == CustomerType.BUSINESS
                && (c.country() == Country.NO ? policy.compensationNorway() : policy.compensationSweden())) {
            BigDecimal full = rules.businessCompensation(c.country(), date);
            BigDecimal offset = item.dunningFeeTotal().add(fee);
            BigDecimal left = full.subtract(offset);
            if (left.signum() > 0) {
                compensation = left;
                compensationRule = rules.compensationRule(c.country()) + ": " + full.toPlainString() + " less fees "
                        + offset.toPlainString();
            } else if (full.signum() > 0) {
                notes.add("no compensation: the fees charged (" + offset.toPlainString() + ") cover it ("
                        + rules.compensationRule(c.country()) + ")");
            }
        }
        return new ItemDecision.Escalate(item, next, fee, feeRule[0], interest, compensation, compensationRule, notes);
    }

    private BigDecimal fee(CustomerSnapshot c, OverdueItem item, int level, long actualDays, LocalDate date,
                           List<String> notes, String[] ruleOut) {
        BigDecimal zero = BigDecimal.ZERO.setScale(Money.scale(item.currency()));
        BigDecimal wanted = policy.level(level).fee(item.currency());
        if (wanted.signum() <= 0) {
            return zero;
        }
        boolean collection = level == DunningPolicy.COLLECTION;
        if (c.country() == Country.NO) {
            if (collection) {
                notes.add("fee withheld: " + LegalRules.NO_COLLECTION_FEE);
                return zero;
            }
            if (actualDays < LegalRules.NO_FEE_MIN_DAYS_AFTER_DUE) {
                notes.add("fee withheld: " + LegalRules.NO_FEE_TIMING);
                return zero;
            }
            if (level < DunningPolicy.FINAL_NOTICE && item.reminderFeeCount() > 0) {
                notes.add("fee withheld: " + LegalRules.NO_ONE_REMINDER_FEE);
                return zero;
            }
            return capped(wanted, rules.reminderFeeCap(Country.NO, date), LegalRules.NO_FEE_CAP, notes, ruleOut);
        }
        if (collection) {
            return capped(wanted, rules.collectionFeeCap(Country.SE, date), LegalRules.SE_COLLECTION_FEE, notes, ruleOut);
        }
        if (!c.reminderFeeAgreed()) {
            notes.add("fee withheld: " + LegalRules.SE_FEE_AGREED);
            return zero;
        }
        if (item.reminderFeeCount() > 0) {
            notes.add("fee withheld: " + LegalRules.SE_ONE_FEE);
            return zero;
        }
        return capped(wanted, rules.reminderFeeCap(Country.SE, date), LegalRules.SE_FEE_CAP, notes, ruleOut);
    }

    private static BigDecimal capped(BigDecimal wanted, BigDecimal cap, String rule, List<String> notes,
                                     String[] ruleOut) {
        ruleOut[0] = rule;
        if (wanted.compareTo(cap) > 0) {
            notes.add("fee reduced from " + wanted.toPlainString() + " to the cap " + cap.toPlainString() + ": " + rule);
            return cap;
        }
        return wanted;
    }

    private BigDecimal interest(OverdueItem item, LocalDate date, RateTable rates) {
        if (!policy.lateInterest()) {
            return BigDecimal.ZERO.setScale(Money.scale(item.currency()));
        }
        return LateInterest.accrue(item.principalOpen(), item.dueDate(), date, rates, item.currency());
    }

    private DunningLetter letter(CustomerSnapshot c, List<ItemDecision> decisions, LocalDate date) {
        List<DunningLetter.Item> items = new ArrayList<>();
        List<Integer> escalated = new ArrayList<>();
        int level = 0;
        LocalDate oldestDue = null;
        for (ItemDecision d : decisions) {
            if (d instanceof ItemDecision.OnHold || d.levelAfter() == 0) {
                continue;
            }
            OverdueItem i = d.item();
            BigDecimal fee = i.feeOpen();
            BigDecimal interest = i.interestOpen();
            if (d instanceof ItemDecision.Escalate e) {
                fee = fee.add(e.fee()).add(e.compensation());
                interest = interest.add(e.interest());
            } else if (d instanceof ItemDecision.Stay s) {
                interest = interest.add(s.interest());
            }
            items.add(new DunningLetter.Item(i.invoiceNo(), i.issueDate(), i.dueDate(), i.reference(),
                    i.principalOpen(), fee, interest, d.levelAfter()));
            if (d instanceof ItemDecision.Escalate) {
                level = Math.max(level, d.levelAfter());
                escalated.add(d.levelAfter());
            }
            oldestDue = oldestDue == null || i.dueDate().isBefore(oldestDue) ? i.dueDate() : oldestDue;
        }
        items.sort(Comparator.comparing(DunningLetter.Item::dueDate).thenComparing(DunningLetter.Item::invoiceNo));
        DunningPolicy.Level l = policy.level(level);
        // level, template, deadline and collection warning follow the items escalated by this letter (items
        // that stay are listed at their levels for information; their deadlines are those of their own notices,
        // so a later letter never extends a final notice's deadline past the hand-over). The deadline is the
        // longest of the escalated levels, and a final-notice item on a collection letter keeps its legal content.
        int days = 0;
        boolean finalNotice = false;
        for (int lv : escalated) {
            int d = policy.level(lv).paymentDays();
            if (lv == DunningPolicy.FINAL_NOTICE) {
                d = Math.max(d, rules.finalNoticeMinDays(c.country()));
                finalNotice = true;
            }
            days = Math.max(days, d);
        }
        DunningLetter.InterestNotice notice = policy.lateInterest() && oldestDue != null
                ? new DunningLetter.InterestNotice(rules.lateInterestRate(c.country(), date), oldestDue.plusDays(1))
                : null;
        DunningLetter.Channel channel = l.channel() == DunningLetter.Channel.EMAIL && c.hasValidEmail()
                ? DunningLetter.Channel.EMAIL : DunningLetter.Channel.PRINT;
        return new DunningLetter(c.customerNo(), c.name(), c.address(), c.hasValidEmail() ? c.email() : null,
                c.language(), c.country(), c.type(), level, l.template(), date, date.plusDays(days), c.currency(),
                items, notice, finalNotice, channel);
    }

    private static String until(LocalDate until) {
        return until == null ? " (no end date)" : " (until " + until + ")";
    }
}
