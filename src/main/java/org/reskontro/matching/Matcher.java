package org.reskontro.matching;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.reskontro.common.CheckDigits;
import org.reskontro.ledger.InvoiceStatus;
import org.reskontro.ledger.PaymentReferences;

/**
 * The rule pipeline. Pure: it reads the index and decides; the caller applies a match to the index and writes it.
 * Precision before recall: every rule decides only on a unique answer with no contradicting evidence; anything
 * else is left open with up to three ranked suggestions.
 */
public final class Matcher {

    /** Suggestions by amount alone are made when at most this many open invoices have the payment's amount. */
    static final int AMOUNT_ONLY_SUGGESTIONS = 3;

    private static final Pattern ORG_NO = Pattern.compile("(?<!\\d)(\\d{3} ?\\d{3} ?\\d{3}|\\d{6}-?\\d{4})(?!\\d)");
    private static final Pattern RETURN_WORDS = Pattern.compile("(?i).*\\b(retur|return|returned|tilbakef\\w*|reversal|reversering|storno)\\b.*");

    private final MatchPolicy policy;

    public Matcher(MatchPolicy policy) {
        this.policy = policy;
    }

    public Decision decide(BankPayment p, MatchIndex idx) {
        return decide(p, idx, Map.of());
    }

    /**
     * The pipeline, with what the ledger holds under the references this payment shows that the index does not know
     * ({@code ledger}, keyed by the references of {@link #referencesToLookUp} that the ledger holds: invoices settled
     * before the run, or in an earlier phase of it). A match is refused when any reference the payment shows, in its
     * reference field or its text, open or not, belongs to another customer than the match's.
     */
    public Decision decide(BankPayment p, MatchIndex idx, Map<String, List<SettledInvoice>> ledger) {
        // references in the text: those still open decide, all of them (settled tonight too) can contradict
        List<OpenInvoice> inTextAll = p.amount().signum() > 0 ? TextReferences.in(p.text(), idx, false) : List.of();
        Decision d = rules(p, idx, inTextAll);
        if (d instanceof Decision.Matched m) {
            for (OpenInvoice other : inTextAll) {
                if (other.customerId() != m.customerId()) {
                    return new Decision.Unmatched(evidence("the text holds the reference of " + other.invoiceNo()
                            + " (customer " + customerNo(idx, other.customerId()) + "), but " + m.evidence()), List.of());
                }
            }
            for (Map.Entry<String, List<SettledInvoice>> e : ledger.entrySet()) {
                for (SettledInvoice other : e.getValue()) {
                    if (other.customerId() != m.customerId()) {
                        return new Decision.Unmatched(evidence("reference " + e.getKey() + " is " + other.invoiceNo()
                                + " (customer " + customerNo(idx, other.customerId()) + ", "
                                + other.status().name().toLowerCase(java.util.Locale.ROOT) + "), but "
                                + m.evidence()), List.of());
                    }
                }
            }
        }
        return d;
    }

    private Decision rules(BankPayment p, MatchIndex idx, List<OpenInvoice> inTextAll) {
        BigDecimal amount = p.amount();
        if (amount.signum() < 0) {
            if (p.reversal() || (p.text() != null && RETURN_WORDS.matcher(p.text()).matches())) {
                return new Decision.Reversal(p.reversal() ? "reversal flagged by the bank" : "text says the payment is returned");
            }
            return new Decision.Outgoing("debit " + amount.toPlainString() + " " + p.currency());
        }
        if (amount.signum() == 0) {
            return new Decision.Unmatched("zero amount", List.of());
        }
        Suggestions suggestions = new Suggestions(idx);

        // who paid: bank account seen before, organisation number in the text, name
        Long byAccount = p.payerAccount() == null ? null : idx.customerByAccount(p.payerAccount());
        Long byOrgNo = orgNo(p, idx);
        Long strongPayer = byAccount != null ? byAccount : byOrgNo; // evidence strong enough to veto a reference

        // rule 1: structured reference
        String ref = Keys.reference(p.reference());
        boolean refValid = ref != null && PaymentReferences.isValid(ref);
        Set<Long> nearRef = new LinkedHashSet<>();
        List<InvoiceNumbers.Token> tokens = tokens(p, ref, refValid);
        Named named = named(tokens, idx, p.currency());
        List<OpenInvoice> inText = new ArrayList<>();
        for (OpenInvoice inv : inTextAll) {
            if (inv.isOpen() && inv.currency().equals(p.currency())) {
                inText.add(inv);
            }
        }
        if (refValid) {
            OpenInvoice inv = idx.byReference(ref);
            if (inv != null && inv.isOpen() && inv.currency().equals(p.currency())) {
                if (byOrgNo != null && byOrgNo != inv.customerId()) {
                    suggestions.add(inv, 60, "reference " + ref + " is " + inv.invoiceNo()
                            + " but the organisation number in the text is " + customerNo(idx, byOrgNo) + "'s");
                    return suggestions.unmatched("the reference and the organisation number point to different customers");
                }
                if (byAccount != null && byAccount != inv.customerId()) {
                    suggestions.add(inv, 60, "reference " + ref + " is " + inv.invoiceNo() + " but the account paid for "
                            + customerNo(idx, byAccount) + " before");
                    return suggestions.unmatched("the reference and the payer's account point to different customers");
                }
                if (named.otherCustomer(inv.customerId())) {
                    suggestions.add(inv, 60, "reference " + ref + " is " + inv.invoiceNo());
                    named.strong.forEach(n -> suggestions.add(n, 50, "the text names " + n.invoiceNo()));
                    return suggestions.unmatched("the reference and the invoice numbers in the text point to different customers");
                }
                if (inTextAll.stream().anyMatch(n -> n.customerId() != inv.customerId())) {
                    suggestions.add(inv, 60, "reference " + ref + " is " + inv.invoiceNo());
                    inText.forEach(n -> suggestions.add(n, 55, "the text holds the reference of " + n.invoiceNo()));
                    return suggestions.unmatched("the reference and a reference in the text point to different customers");
                }
                List<OpenInvoice> list = new ArrayList<>();
                list.add(inv);
                BigDecimal total = inv.open().total();
                if (amount.compareTo(total) > 0) {
                    for (OpenInvoice n : concat(inText, named.strong)) {
                        if (!list.contains(n) && n.customerId() == inv.customerId()) {
                            list.add(n);
                        }
                    }
                }
                return settle(MatchRule.REFERENCE, list, amount,
                        "reference " + ref + " = " + names(list), idx);
            }
            if (idx.referenceAmbiguous(ref)) {
                return suggestions.unmatched("reference " + ref + " belongs to more than one invoice");
            }
        }
        if (ref != null && !refValid && ref.length() >= 4) {
            for (OpenInvoice n : near(ref, idx)) {
                nearRef.add(n.id());
                suggestions.add(n, 70, "reference " + ref + " has a broken check digit; one digit from " + n.reference()
                        + " (" + n.invoiceNo() + ")");
            }
        } else if (refValid) {
            for (OpenInvoice n : near(ref, idx)) {
                nearRef.add(n.id());
                suggestions.add(n, 55, "reference " + ref + " is no open invoice; one digit from " + n.reference()
                        + " (" + n.invoiceNo() + ")");
            }
        }

        // rule 1 (and 4 when several) again: structured references written in the text
        if (!inText.isEmpty()) {
            String refs = String.join(", ", inText.stream().map(OpenInvoice::reference).toList());
            Set<Long> customers = named.customers(inTextAll);
            if (customers.size() > 1) {
                inText.forEach(n -> suggestions.add(n, 55, "the text holds the reference of " + n.invoiceNo()));
                return suggestions.unmatched("the references in the text belong to different customers");
            }
            long c = customers.iterator().next();
            String why = "the text holds reference " + refs;
            if (strongPayer != null && strongPayer != c) {
                inText.forEach(n -> suggestions.add(n, 55, why + " (" + n.invoiceNo() + ") but the payer is "
                        + customerNo(idx, strongPayer)));
                return suggestions.unmatched("the references in the text and the payer point to different customers");
            }
            if (named.otherCustomer(c)) {
                inText.forEach(n -> suggestions.add(n, 55, why + " (" + n.invoiceNo() + ")"));
                named.strong.forEach(n -> suggestions.add(n, 50, "the text names " + n.invoiceNo()));
                return suggestions.unmatched("the references and the invoice numbers in the text point to different customers");
            }
            if (!nearRef.isEmpty() && inText.stream().noneMatch(n -> nearRef.contains(n.id()))) {
                inText.forEach(n -> suggestions.add(n, 55, why + " (" + n.invoiceNo() + ")"));
                return suggestions.unmatched("the broken reference and the references in the text disagree");
            }
            List<OpenInvoice> list = new ArrayList<>(inText);
            for (OpenInvoice n : named.strong) {
                if (!list.contains(n)) {
                    list.add(n);
                }
            }
            return settle(MatchRule.REFERENCE, list, amount, "reference in the text " + refs + " = " + names(list), idx);
        }

        // rule 2 (and 4 when several): invoice numbers in the text
        if (named.ambiguous) {
            named.strong.forEach(n -> suggestions.add(n, 45, "the text names " + n.invoiceNo()));
            return suggestions.unmatched("an invoice number in the text fits more than one invoice");
        }
        if (!named.strong.isEmpty()) {
            Set<Long> customers = named.customers(named.strong);
            if (customers.size() > 1) {
                named.strong.forEach(n -> suggestions.add(n, 50, "the text names " + n.invoiceNo()));
                return suggestions.unmatched("the invoice numbers in the text belong to different customers");
            }
            long c = customers.iterator().next();
            if (strongPayer != null && strongPayer != c) {
                named.strong.forEach(n -> suggestions.add(n, 50, "the text names " + n.invoiceNo() + " but the payer is "
                        + customerNo(idx, strongPayer)));
                return suggestions.unmatched("the invoice numbers and the payer point to different customers");
            }
            if (!nearRef.isEmpty() && named.strong.stream().noneMatch(n -> nearRef.contains(n.id()))) {
                named.strong.forEach(n -> suggestions.add(n, 50, "the text names " + n.invoiceNo()));
                return suggestions.unmatched("the broken reference and the invoice numbers disagree");
            }
            return settle(MatchRule.INVOICE_NO, named.strong, amount, "text names " + names(named.strong), idx);
        }
        if (!named.weak.isEmpty()) {
            Set<Long> customers = named.customers(named.weak);
            BigDecimal total = sum(named.weak);
            BigDecimal shortfall = total.subtract(amount);
            boolean amountAgrees = shortfall.signum() >= 0 && shortfall.compareTo(policy.tolerance(p.currency())) <= 0;
            if (customers.size() == 1 && amountAgrees && (nearRef.isEmpty()
                    || named.weak.stream().anyMatch(n -> nearRef.contains(n.id())))
                    && (strongPayer == null || customers.contains(strongPayer))) {
                return settle(MatchRule.INVOICE_NO, named.weak, amount,
                        "text contains " + names(named.weak) + " and the amount agrees", idx);
            }
            named.weak.forEach(n -> suggestions.add(n, 40, "the text contains " + n.invoiceNo()));
        }

        // rules 3 and 4: payer identified, amount equal to one open item or a unique combination
        Long byName = idx.customerByName(p.payerName());
        Set<Long> payers = new LinkedHashSet<>();
        for (Long c : new Long[] {byAccount, byOrgNo, byName}) {
            if (c != null) {
                payers.add(c);
            }
        }
        Long payer = payers.size() == 1 ? payers.iterator().next() : null;
        if (payer != null) {
            String who = customerNo(idx, payer) + " (" + how(payer, byAccount, byOrgNo, byName) + ")";
            List<OpenInvoice> items = new ArrayList<>();
            for (OpenInvoice inv : idx.openItems(payer)) {
                if (inv.currency().equals(p.currency())) {
                    items.add(inv);
                }
            }
            List<OpenInvoice> exact = new ArrayList<>();
            for (OpenInvoice inv : items) {
                if (inv.open().total().compareTo(amount) == 0) {
                    exact.add(inv);
                }
            }
            if (exact.size() == 1) {
                OpenInvoice inv = exact.get(0);
                if (!nearRef.isEmpty() && !nearRef.contains(inv.id())) {
                    suggestions.add(inv, 65, "payer " + who + ", amount equals " + inv.invoiceNo());
                    return suggestions.unmatched("the broken reference and the payer's open item disagree");
                }
                return new Decision.Matched(MatchRule.PAYER_AMOUNT, payer, List.of(inv.id()), BigDecimal.ZERO,
                        evidence("payer " + who + "; amount equals the open item of " + inv.invoiceNo()));
            }
            if (exact.size() > 1) {
                exact.forEach(inv -> suggestions.add(inv, 50, "payer " + who + ", amount equals " + inv.invoiceNo()));
                return suggestions.unmatched("several of the payer's open items equal the amount");
            }
            if (items.size() >= 2 && items.size() <= policy.maxSubsetItems()) {
                List<List<OpenInvoice>> solutions = Subsets.exact(items, amount, policy.maxSubsetSize(), 2);
                if (solutions.size() == 1) {
                    List<OpenInvoice> set = solutions.get(0);
                    if (nearRef.isEmpty() || set.stream().anyMatch(n -> nearRef.contains(n.id()))) {
                        return new Decision.Matched(MatchRule.COMBINED_SUBSET, payer, ids(set), BigDecimal.ZERO,
                                evidence("payer " + who + "; amount equals the sum of " + names(set)));
                    }
                }
                for (List<OpenInvoice> s : solutions) {
                    s.forEach(inv -> suggestions.add(inv, 45, "payer " + who + ", part of a combination equal to the amount"));
                }
                if (solutions.size() > 1) {
                    return suggestions.unmatched("more than one combination of the payer's open items equals the amount");
                }
            }
            items.sort(Comparator.comparing(inv -> inv.open().total().subtract(amount).abs()));
            for (OpenInvoice inv : items) {
                suggestions.add(inv, 35, "payer " + who + ", open " + inv.open().total().toPlainString());
            }
            return suggestions.unmatched("payer " + who + " identified, but no open item or combination equals the amount");
        }
        if (payers.size() > 1) {
            return suggestions.unmatched("the account, organisation number and name point to different customers");
        }
        if (suggestions.isEmpty()) {
            List<OpenInvoice> same = idx.openWithTotal(p.currency(), p.amount(), AMOUNT_ONLY_SUGGESTIONS);
            if (same.size() <= AMOUNT_ONLY_SUGGESTIONS) {
                for (OpenInvoice inv : same) {
                    suggestions.add(inv, 20, "nothing else points anywhere, but the open amount of " + inv.invoiceNo()
                            + " (customer " + customerNo(idx, inv.customerId()) + ") equals the payment");
                }
            }
        }
        return suggestions.unmatched(ref != null && !refValid ? "the reference " + ref + " has a broken check digit"
                : refValid ? "the reference " + ref + " is no open invoice" : "no reference, invoice number or known payer");
    }

    /**
     * The references to ask the ledger about before deciding {@code p}: those it shows, in its reference field or
     * written in its text, with a valid check digit, that name no invoice of the index (which holds what was open
     * when it was loaded), so perhaps one settled before. Empty for a payment out of the account.
     */
    public static List<String> referencesToLookUp(BankPayment p, MatchIndex idx) {
        if (p.amount().signum() <= 0) {
            return List.of();
        }
        List<String> refs = new ArrayList<>(2);
        String ref = Keys.reference(p.reference());
        if (ref != null && unknownValid(ref, idx)) {
            refs.add(ref);
        }
        if (p.text() != null) {
            for (String c : TextReferences.candidates(p.text())) {
                if (!refs.contains(c) && unknownValid(c, idx)) {
                    refs.add(c);
                }
            }
        }
        return refs;
    }

    private static boolean unknownValid(String ref, MatchIndex idx) {
        return PaymentReferences.isValid(ref) && idx.byReference(ref) == null && !idx.referenceAmbiguous(ref);
    }

    /**
     * Rule 7, for a payment the pipeline left {@code open}: the valid structured references it shows, in its
     * reference field or written in its text, name only invoices that are no longer open, settled earlier in this run
     * (the index says so) or before it ({@code ledger}: what the ledger holds under the references this payment
     * shows, as for {@link #decide(BankPayment, MatchIndex, Map)}). The customer paid twice, or paid an invoice
     * credited meanwhile. When the invoices are one customer's, PAID or CREDITED, in the payment's currency, and
     * nothing else the payment shows (references one digit away, invoice numbers, payer account, organisation
     * number, name) points to another customer, the money is that customer's: it is kept on the account, where the
     * credit step uses it or a person refunds it. Otherwise the payment stays open, its reason saying what the
     * references name. {@code onlyCustomer}: in a partition, the customer the payment was routed to, the only one it
     * may decide for (null in the serial phase).
     */
    public Decision settledReference(BankPayment p, MatchIndex idx, Decision.Unmatched open,
                                     Map<String, List<SettledInvoice>> ledger, Long onlyCustomer) {
        return SettledReferenceRule.decide(p, idx, open, ledger, onlyCustomer);
    }

    private static List<OpenInvoice> concat(List<OpenInvoice> a, List<OpenInvoice> b) {
        List<OpenInvoice> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }


    /** The invoice-number tokens of the text (and of a reference that is not a valid structured one). */
    static List<InvoiceNumbers.Token> tokens(BankPayment p, String ref, boolean refValid) {
        return InvoiceNumbers.scan((ref != null && !refValid ? p.reference() + " ; " : "") + (p.text() == null ? "" : p.text()));
    }

    /** Settles the named invoices: exact, overpaid (rest on account), short within tolerance (write-off) or partial. */
    private Decision settle(MatchRule rule, List<OpenInvoice> invoices, BigDecimal amount, String evidence, MatchIndex idx) {
        BigDecimal total = sum(invoices);
        long customer = invoices.get(0).customerId();
        String what = evidence + " (customer " + customerNo(idx, customer) + ")";
        int cmp = amount.compareTo(total);
        if (cmp == 0) {
            return new Decision.Matched(rule, customer, ids(invoices), BigDecimal.ZERO, evidence(what));
        }
        if (cmp > 0) {
            return new Decision.Matched(rule, customer, ids(invoices), BigDecimal.ZERO,
                    evidence(what + "; overpaid " + amount.subtract(total).toPlainString() + " kept on account"));
        }
        BigDecimal shortfall = total.subtract(amount);
        String currency = invoices.get(0).currency();
        if (shortfall.compareTo(policy.tolerance(currency)) <= 0) {
            return new Decision.Matched(rule, customer, ids(invoices), shortfall,
                    evidence(what + "; short " + shortfall.toPlainString() + " written off (tolerance "
                            + policy.tolerance(currency).toPlainString() + " " + currency + ")"));
        }
        return new Decision.Matched(rule, customer, ids(invoices), BigDecimal.ZERO,
                evidence(what + "; partial payment, " + shortfall.toPlainString() + " left open"));
    }

    /** Open invoices whose reference differs from {@code ref} in one digit or one swap of neighbours. */
    static List<OpenInvoice> near(String ref, MatchIndex idx) {
        return near(ref, idx, true);
    }

    /** As {@link #near(String, MatchIndex)}; {@code openOnly} false also returns invoices settled during the run. */
    static List<OpenInvoice> near(String ref, MatchIndex idx, boolean openOnly) {
        Map<Long, OpenInvoice> found = new LinkedHashMap<>();
        char[] c = ref.toCharArray();
        // String.hashCode() is the sum of c[i] * 31^(n-1-i) (mod 2^32), so each candidate's code is the reference's
        // code plus the change at the position(s) changed; only candidates whose code the index may hold are built
        int hash = ref.hashCode();
        int[] weight = new int[c.length];
        for (int i = c.length - 1, w = 1; i >= 0; i--, w *= 31) {
            weight[i] = w;
        }
        for (int i = 0; i < c.length; i++) {
            char orig = c[i];
            if (orig >= '0' && orig <= '9') {
                for (char d = '0'; d <= '9'; d++) {
                    if (d != orig && idx.mayHaveReferenceHash(hash + (d - orig) * weight[i])) {
                        c[i] = d;
                        addIfOpen(idx, new String(c), found, openOnly);
                    }
                }
                c[i] = orig;
            }
            if (i + 1 < c.length && c[i] != c[i + 1]
                    && idx.mayHaveReferenceHash(hash + (c[i + 1] - c[i]) * (weight[i] - weight[i + 1]))) {
                char t = c[i];
                c[i] = c[i + 1];
                c[i + 1] = t;
                addIfOpen(idx, new String(c), found, openOnly);
                c[i + 1] = c[i];
                c[i] = t;
            }
        }
        return new ArrayList<>(found.values());
    }

    private static void addIfOpen(MatchIndex idx, String ref, Map<Long, OpenInvoice> found, boolean openOnly) {
        OpenInvoice inv = idx.byReference(ref);
        if (inv != null && (!openOnly || inv.isOpen())) {
            found.put(inv.id(), inv);
        }
    }

    static Long orgNo(BankPayment p, MatchIndex idx) {
        Long found = null;
        for (String s : new String[] {p.text(), p.payerName()}) {
            if (s == null || !hasDigits(s, 9)) {
                continue;
            }
            java.util.regex.Matcher m = ORG_NO.matcher(s);
            while (m.find()) {
                String digits = Keys.digits(m.group(1));
                boolean valid = digits.length() == 9 ? CheckDigits.isNorwegianOrgNo(digits) : CheckDigits.isSwedishOrgNo(digits);
                if (!valid) {
                    continue;
                }
                Long c = idx.customerByOrgNo(digits);
                if (c != null) {
                    if (found != null && !found.equals(c)) {
                        return null;
                    }
                    found = c;
                }
            }
        }
        return found;
    }

    /** The invoices the text names, strong (after a keyword) and weak (bare numbers equal to an invoice number). */
    private static Named named(List<InvoiceNumbers.Token> tokens, MatchIndex idx, String currency) {
        Named n = new Named();
        for (InvoiceNumbers.Token t : tokens) {
            String compact = Keys.invoiceNo(t.raw());
            boolean hit = lookup(idx, compact, Keys.invoiceDigits(t.raw()), t, n, currency);
            if (!hit && t.strong()) {
                String segments = Keys.invoiceSegments(t.raw());
                hit = segments != null && lookup(idx, segments, null, t, n, currency);
            }
            if (!hit && t.strong() && t.raw().contains(" ")) {
                for (String piece : Keys.words(t.raw())) {
                    if (piece.length() >= 4) {
                        lookup(idx, Keys.invoiceNo(piece), Keys.invoiceDigits(piece), t, n, currency);
                    }
                }
            }
        }
        n.weak.removeAll(n.strong);
        return n;
    }

    private static boolean lookup(MatchIndex idx, String key, String digits, InvoiceNumbers.Token t, Named n,
                                  String currency) {
        if (key == null) {
            return false;
        }
        MatchIndex.KeyHit hit = idx.invoiceKeyHit(key);
        OpenInvoice inv = idx.byInvoiceKey(key);
        if (hit == MatchIndex.KeyHit.NONE && t.strong() && digits != null) {
            hit = idx.invoiceKeyHit(digits);
            inv = idx.byInvoiceKey(digits);
        }
        if (hit == MatchIndex.KeyHit.AMBIGUOUS) {
            if (t.strong()) {
                n.ambiguous = true;
            }
            return true;
        }
        if (inv == null || !inv.isOpen() || !inv.currency().equals(currency)) {
            return false;
        }
        if (t.strong()) {
            if (!n.strong.contains(inv)) {
                n.strong.add(inv);
            }
        } else if (t.raw().length() >= 5 && !n.weak.contains(inv)) {
            n.weak.add(inv);
        }
        return true;
    }

    private static final class Named {
        final List<OpenInvoice> strong = new ArrayList<>();
        final List<OpenInvoice> weak = new ArrayList<>();
        boolean ambiguous;

        Set<Long> customers(List<OpenInvoice> list) {
            Set<Long> s = new LinkedHashSet<>();
            list.forEach(i -> s.add(i.customerId()));
            return s;
        }

        boolean otherCustomer(long customerId) {
            return strong.stream().anyMatch(i -> i.customerId() != customerId);
        }
    }

    /** Collects suggestions, best score per invoice, and returns the top three. */
    private static final class Suggestions {
        private final MatchIndex idx;
        private final Map<Long, Suggestion> byInvoice = new LinkedHashMap<>();

        Suggestions(MatchIndex idx) {
            this.idx = idx;
        }

        void add(OpenInvoice inv, int score, String why) {
            Suggestion s = new Suggestion(inv.id(), inv.invoiceNo(), inv.customerId(), score, evidence(why));
            byInvoice.merge(inv.id(), s, (a, b) -> a.score() >= b.score() ? a : b);
        }

        boolean isEmpty() {
            return byInvoice.isEmpty();
        }

        Decision.Unmatched unmatched(String reason) {
            List<Suggestion> ranked = new ArrayList<>(byInvoice.values());
            ranked.sort(Comparator.comparingInt(Suggestion::score).reversed());
            return new Decision.Unmatched(reason, ranked.subList(0, Math.min(3, ranked.size())));
        }
    }

    private static String how(long payer, Long byAccount, Long byOrgNo, Long byName) {
        List<String> how = new ArrayList<>();
        if (byAccount != null && byAccount == payer) {
            how.add("account seen before");
        }
        if (byOrgNo != null && byOrgNo == payer) {
            how.add("organisation number");
        }
        if (byName != null && byName == payer) {
            how.add("name");
        }
        return String.join(", ", how);
    }

    static boolean hasDigits(String s, int atLeast) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' && ++n >= atLeast) {
                return true;
            }
        }
        return false;
    }

    static String customerNo(MatchIndex idx, long id) {
        MatchIndex.CustomerRef c = idx.customer(id);
        return c == null ? "#" + id : c.customerNo();
    }

    private static BigDecimal sum(List<OpenInvoice> list) {
        BigDecimal s = BigDecimal.ZERO;
        for (OpenInvoice i : list) {
            s = s.add(i.open().total());
        }
        return s;
    }

    private static List<Long> ids(List<OpenInvoice> list) {
        List<Long> ids = new ArrayList<>(list.size());
        list.forEach(i -> ids.add(i.id()));
        return ids;
    }

    private static String names(List<OpenInvoice> list) {
        List<String> n = new ArrayList<>(list.size());
        list.forEach(i -> n.add(i.invoiceNo()));
        return String.join(", ", n);
    }

    static String evidence(String s) {
        return s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
