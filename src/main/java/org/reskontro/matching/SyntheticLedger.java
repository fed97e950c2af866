package org.reskontro.matching;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.reskontro.common.CheckDigits;
import org.reskontro.ledger.Country;
import org.reskontro.ledger.PaymentReferences;
import org.reskontro.ledger.ReferenceScheme;

/**
 * A seeded, reproducible ledger for the matching benchmark and the property tests: customers, invoices with KID,
 * OCR and RF references, and bank transactions with realistic noise, each with its true answer beside it. The same
 * seed and size always give the same data.
 */
public final class SyntheticLedger {

    /** The noise classes of generated transactions, with their share of the default mix (percent). */
    public enum Kind {
        REFERENCE(60), PARTIAL(4), OVERPAID(3), FEE_DEDUCTED(4), TEXT_ONLY(6), MISTYPED_REFERENCE(4),
        COMBINED_TEXT(2), COMBINED_SUBSET(3), NAME_VARIANT(4), ORG_NO_IN_TEXT(2), REVERSAL(2), UNRELATED(2),
        OUTGOING(2), NO_CLUE(2),
        /** The reference written in the message instead of the reference field; not in the default mix. */
        REFERENCE_IN_TEXT(0);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    public record Customer(long id, String customerNo, String name, String orgNo, Country country, String currency,
                           String account, boolean history) {
    }

    public record Invoice(long id, long customerId, String invoiceNo, String reference, BigDecimal amount,
                          LocalDate issueDate, LocalDate dueDate, String currency) {
    }

    /** A generated bank transaction and its truth: the invoices it pays (empty when it pays none). */
    public record Payment(BankPayment tx, Kind kind, List<Long> truth, Long reverses) {
        public boolean matchable() {
            return !truth.isEmpty();
        }
    }

    private static final String[] ADJ = {"Nord", "Sør", "Vest", "Øst", "Fjord", "Fjell", "Dal", "Berg", "Strand", "Skog",
            "Elv", "Sjø", "Lys", "Stein", "Havn", "Vik", "Holm", "Eik", "Bjørk", "Furu", "Grøn", "Blå", "Kyst", "Tind",
            "Norr", "Söder", "Väst", "Öst", "Sjö", "Älv", "Åker", "Ängs", "Björk", "Gran", "Ek", "Lind", "Ljus", "Berga",
            "Stor", "Lill", "Ny", "Gammel", "Midt", "Nær", "Fjern", "Høy", "Låg", "Varm", "Kald", "Sol"};
    private static final String[] TRADE = {"Bygg", "Elektro", "Rør", "Maling", "Transport", "Data", "Regnskap", "Bakeri",
            "Fisk", "Trevare", "Auto", "Eiendom", "Consult", "Handel", "Service", "Tak", "Snekker", "Murer", "Frisør",
            "Kafé", "Blomster", "Sport", "Optikk", "Tannlege", "Advokat", "Arkitekt", "Media", "Design", "Energi",
            "Marin", "Logistikk", "Verksted", "Sveis", "Glass", "Gulv", "Ventilasjon", "Hage", "Rens", "Vakt", "Print"};
    private static final String[] FAMILY = {"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
            "Kristiansen", "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
            "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen",
            "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen",
            "Lindqvist", "Svensson", "Gustafsson", "Persson", "Nilsson"};
    private static final String[] PERSON = {"Kari", "Ola", "Per", "Lise", "Anna", "Erik", "Ingrid", "Lars", "Sofia",
            "Jonas", "Maja", "Emil"};
    private static final String[] PERSON_LAST = {"Nordmann", "Svensk", "Testesen", "Utvik", "Bråten", "Lie"};
    /** Words that keep the customer names of one chunk apart from those of every other (see {@link #generateInChunks}). */
    private static final String[] PLACE = {"Bergen", "Tromsø", "Bodø", "Molde", "Hamar", "Skien", "Ålesund", "Harstad",
            "Lillehammer", "Gjøvik", "Kongsberg", "Arendal", "Halden", "Narvik", "Alta", "Kiruna", "Umeå", "Luleå",
            "Gävle", "Västerås", "Örebro", "Jönköping", "Växjö", "Kalmar", "Visby", "Borås", "Falun", "Karlstad",
            "Sundsvall", "Östersund", "Lund", "Ystad", "Mora", "Askim", "Moss", "Larvik", "Florø", "Voss", "Røros", "Steinkjer"};
    private static final String[] OUTGOING_TEXT = {"Husleie", "Lønn", "Strøm", "Leverandør faktura", "Skatt", "Forsikring"};

    private final List<Customer> customers = new ArrayList<>();
    private final List<Invoice> invoices = new ArrayList<>();
    private final List<Payment> payments = new ArrayList<>();
    /** Ids before this chunk's (0 for a ledger generated whole), and the payments of the whole ledger. */
    private final long customerBase;
    private final long invoiceBase;
    private final long paymentBase;
    private final long totalPayments;
    private final String place;

    private SyntheticLedger(long customerBase, long invoiceBase, long paymentBase, long totalPayments, String place) {
        this.customerBase = customerBase;
        this.invoiceBase = invoiceBase;
        this.paymentBase = paymentBase;
        this.totalPayments = totalPayments;
        this.place = place;
    }

    public List<Customer> customers() {
        return customers;
    }

    public List<Invoice> invoices() {
        return invoices;
    }

    public List<Payment> payments() {
        return payments;
    }

    /** The index a run would load from this ledger before any of its transactions is matched. */
    public MatchIndex index() {
        MatchIndex idx = new MatchIndex(customers.size(), invoices.size());
        for (Customer c : customers) {
            idx.addCustomer(c.id(), c.customerNo(), c.name(), c.orgNo());
            if (c.history()) {
                idx.learnAccount(c.account(), c.id());
            }
        }
        for (Invoice i : invoices) {
            idx.addInvoice(new OpenInvoice(i.id(), i.customerId(), i.invoiceNo(), i.reference(), i.currency(),
                    i.dueDate(), new org.reskontro.ledger.OpenItem(BigDecimal.ZERO, BigDecimal.ZERO, i.amount())));
        }
        return idx;
    }

    /** N invoices for about N/2 customers, and N bank transactions of the default mix. */
    public static SyntheticLedger generate(int n, long seed) {
        return generate(n, seed, defaultMix());
    }

    public static Map<Kind, Integer> defaultMix() {
        Map<Kind, Integer> mix = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            mix.put(k, k.weight);
        }
        return mix;
    }

    public static SyntheticLedger generate(int n, long seed, Map<Kind, Integer> mix) {
        SyntheticLedger l = new SyntheticLedger(0, 0, 0, n, null);
        SplittableRandom rnd = new SplittableRandom(seed);
        l.makeLedger(n, rnd);
        l.makePayments(n, rnd, mix);
        return l;
    }

    /**
     * The ledger of N invoices generated as consecutive chunks of at most {@code chunk} invoices, each handed to
     * {@code each} and then dropped, so that a ledger of millions fits a small heap. A ledger of at most {@code chunk}
     * invoices is exactly {@link #generate(int, long)}. Chunk k (from 0) is generated with seed {@code seed + k}; its
     * ids (customers, invoices, payments, and the numbers, references and end-to-end ids made of them) follow the
     * previous chunk's; its customers' names carry a place word of their own, so no name is shared across chunks and
     * a name unique in its chunk is unique in the ledger; booking dates run over the month across the whole ledger.
     * A payment's truth, a combined payment's invoices and a reversal's original stay within one chunk.
     */
    public static void generateInChunks(int n, long seed, int chunk, java.util.function.Consumer<SyntheticLedger> each) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1");
        }
        long customers = 0;
        for (int k = 0, done = 0; done < n; k++) {
            int size = Math.min(chunk, n - done);
            String place = k == 0 ? null : PLACE[(k - 1) % PLACE.length]
                    + ((k - 1) / PLACE.length == 0 ? "" : String.valueOf((k - 1) / PLACE.length + 1));
            SyntheticLedger l = new SyntheticLedger(customers, done, done, n, place);
            SplittableRandom rnd = new SplittableRandom(seed + k);
            l.makeLedger(size, rnd);
            l.makePayments(size, rnd, defaultMix());
            customers += l.customers.size();
            done += size;
            each.accept(l);
        }
    }

    private Customer customer(long id) {
        return customers.get((int) (id - customerBase - 1));
    }

    private void makeLedger(int n, SplittableRandom rnd) {
        LocalDate start = LocalDate.of(2024, 3, 1);
        Map<String, Integer> nameCount = new HashMap<>();
        long inv = invoiceBase;
        long c = customerBase;
        long end = invoiceBase + n;
        while (inv < end) {
            c++;
            Country country = rnd.nextInt(10) < 7 ? Country.NO : Country.SE;
            String name = ADJ[rnd.nextInt(ADJ.length)] + " " + TRADE[rnd.nextInt(TRADE.length)] + " "
                    + FAMILY[rnd.nextInt(FAMILY.length)] + (place == null ? "" : " " + place)
                    + (country == Country.NO ? " AS" : " AB");
            nameCount.merge(Keys.name(name), 1, Integer::sum);
            String orgNo;
            if (country == Country.NO) {
                String b = String.format("%08d", 10_000_000 + 2 * c);
                if (CheckDigits.mod11(b) == '-') {
                    b = String.format("%08d", 10_000_000 + 2 * c + 1);
                }
                orgNo = b + CheckDigits.mod11(b);
            } else {
                String b = String.format("5%08d", 10_000_000 + c);
                orgNo = b + CheckDigits.mod10(b);
            }
            String account = (country == Country.NO ? "1503" : "8327") + String.format("%07d", c);
            String customerNo = String.valueOf(100000 + c);
            customers.add(new Customer(c, customerNo, name, orgNo, country, country == Country.NO ? "NOK" : "SEK",
                    account, rnd.nextInt(10) < 6));
            int k = pick(rnd, new int[] {40, 30, 20, 10}) + 1;
            for (int i = 0; i < k && inv < end; i++) {
                inv++;
                String invoiceNo = "2024-" + String.format("%07d", inv);
                ReferenceScheme scheme = country == Country.NO
                        ? new ReferenceScheme[] {ReferenceScheme.KID_MOD10, ReferenceScheme.KID_MOD10, ReferenceScheme.KID_MOD10,
                        ReferenceScheme.KID_MOD11, ReferenceScheme.RF}[rnd.nextInt(5)]
                        : new ReferenceScheme[] {ReferenceScheme.OCR_LENGTH, ReferenceScheme.OCR_LENGTH,
                        ReferenceScheme.OCR_LENGTH, ReferenceScheme.OCR_LENGTH, ReferenceScheme.RF}[rnd.nextInt(5)];
                String ref = new PaymentReferences(scheme, scheme).generate(country, customerNo, invoiceNo);
                BigDecimal amount = BigDecimal.valueOf(10_000 + rnd.nextLong(8_000_000), 2);
                LocalDate issue = start.plusDays(rnd.nextInt(45));
                invoices.add(new Invoice(inv, c, invoiceNo, ref, amount, issue, issue.plusDays(14),
                        country == Country.NO ? "NOK" : "SEK"));
            }
        }
        // only customers with a unique name are paid by name alone (a shared name must never decide)
        uniqueName = new boolean[customers.size() + 1];
        for (Customer cu : customers) {
            uniqueName[(int) (cu.id() - customerBase)] = nameCount.get(Keys.name(cu.name())) == 1;
        }
    }

    private boolean[] uniqueName;

    private void makePayments(int n, SplittableRandom rnd, Map<Kind, Integer> mix) {
        Kind[] kinds = mix.keySet().toArray(new Kind[0]);
        int[] weights = new int[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            weights[i] = mix.get(kinds[i]);
        }
        int[] order = shuffled(invoices.size(), rnd);
        int next = 0;
        boolean[] used = new boolean[invoices.size() + 1]; // by invoice id - invoiceBase
        Map<Long, List<Invoice>> byCustomer = new HashMap<>();
        for (Invoice i : invoices) {
            byCustomer.computeIfAbsent(i.customerId(), k -> new ArrayList<>()).add(i);
        }
        List<Payment> reversible = new ArrayList<>();
        LocalDate day0 = LocalDate.of(2024, 4, 2);
        for (long p = paymentBase + 1; p <= paymentBase + n; p++) {
            Kind kind = kinds[pick(rnd, weights)];
            LocalDate booking = day0.plusDays(Math.min(27, p * 27 / totalPayments));
            String e2e = "E2E" + p;
            String bankRef = "BR" + p;
            if (kind == Kind.REVERSAL && !reversible.isEmpty()) {
                Payment orig = reversible.remove(rnd.nextInt(reversible.size()));
                BankPayment o = orig.tx();
                payments.add(new Payment(new BankPayment(p, o.amount().negate(), o.currency(), booking, o.reference(),
                        o.endToEndId(), bankRef, o.payerName(), o.payerAccount(), "Retur: " + (o.text() == null ? "" : o.text()),
                        true), kind, List.of(), o.id()));
                continue;
            }
            if (kind == Kind.REVERSAL) {
                kind = Kind.REFERENCE;
            }
            if (kind == Kind.OUTGOING) {
                BigDecimal amount = BigDecimal.valueOf(-(5_000 + rnd.nextLong(5_000_000)), 2);
                payments.add(new Payment(new BankPayment(p, amount, "NOK", booking, null, e2e, bankRef, "Leverandør " + p,
                        "9999" + String.format("%07d", p), OUTGOING_TEXT[rnd.nextInt(OUTGOING_TEXT.length)], false),
                        kind, List.of(), null));
                continue;
            }
            if (kind == Kind.UNRELATED) {
                BigDecimal amount = BigDecimal.valueOf(10_000 + rnd.nextLong(8_000_000), 2);
                payments.add(new Payment(new BankPayment(p, amount, "NOK", booking, null, e2e, bankRef,
                        PERSON[rnd.nextInt(PERSON.length)] + " " + PERSON_LAST[rnd.nextInt(PERSON_LAST.length)],
                        "7777" + String.format("%07d", p), rnd.nextBoolean() ? "Refusjon depositum" : "Gave", false),
                        kind, List.of(), null));
                continue;
            }
            List<Invoice> paid = new ArrayList<>();
            if (kind == Kind.COMBINED_TEXT || kind == Kind.COMBINED_SUBSET) {
                Invoice first = null;
                for (int tries = 0; tries < 50 && first == null; tries++) {
                    Invoice cand = invoices.get(order[rnd.nextInt(order.length)] - 1);
                    if (used[(int) (cand.id() - invoiceBase)]) {
                        continue;
                    }
                    List<Invoice> siblings = new ArrayList<>();
                    for (Invoice s : byCustomer.get(cand.customerId())) {
                        if (!used[(int) (s.id() - invoiceBase)]) {
                            siblings.add(s);
                        }
                    }
                    if (siblings.size() >= 2) {
                        first = cand;
                        int take = Math.min(siblings.size(), 2 + rnd.nextInt(2));
                        paid.addAll(siblings.subList(0, take));
                    }
                }
                if (paid.isEmpty()) {
                    kind = Kind.REFERENCE;
                }
            }
            if (paid.isEmpty()) {
                while (next < order.length && used[order[next]]) {
                    next++;
                }
                if (next >= order.length) {
                    break;
                }
                paid.add(invoices.get(order[next] - 1));
            }
            for (Invoice i : paid) {
                used[(int) (i.id() - invoiceBase)] = true;
            }
            Invoice inv = paid.get(0);
            Customer cu = customer(inv.customerId());
            if (kind == Kind.NAME_VARIANT && !uniqueName[(int) (cu.id() - customerBase)]) {
                kind = Kind.REFERENCE;
            }
            if (kind == Kind.MISTYPED_REFERENCE || kind == Kind.COMBINED_SUBSET) {
                if (!cu.history()) {
                    cu = new Customer(cu.id(), cu.customerNo(), cu.name(), cu.orgNo(), cu.country(), cu.currency(),
                            cu.account(), true);
                    customers.set((int) (cu.id() - customerBase - 1), cu);
                }
            }
            BigDecimal total = BigDecimal.ZERO;
            for (Invoice i : paid) {
                total = total.add(i.amount());
            }
            String ref = null;
            String text = null;
            String payerName = cu.name();
            String account = cu.history() || rnd.nextInt(10) < 7 ? cu.account() : null;
            BigDecimal amount = total;
            switch (kind) {
                case REFERENCE -> {
                    ref = inv.reference();
                    text = rnd.nextInt(5) == 0 ? "Faktura " + inv.invoiceNo() : null;
                }
                case PARTIAL -> {
                    ref = inv.reference();
                    amount = total.multiply(BigDecimal.valueOf(20 + rnd.nextInt(60), 2)).setScale(2, RoundingMode.DOWN);
                }
                case OVERPAID -> {
                    ref = inv.reference();
                    amount = total.add(BigDecimal.valueOf(100 + rnd.nextInt(50_000), 2));
                }
                case FEE_DEDUCTED -> {
                    ref = inv.reference();
                    amount = total.subtract(BigDecimal.valueOf(500 + rnd.nextInt(2_001), 2));
                }
                case TEXT_ONLY -> text = textNaming(List.of(inv), rnd);
                case REFERENCE_IN_TEXT -> text = referenceInText(inv.reference(), rnd);
                case MISTYPED_REFERENCE -> {
                    ref = mistype(inv.reference(), rnd);
                    account = cu.account();
                }
                case COMBINED_TEXT -> text = textNaming(paid, rnd);
                case COMBINED_SUBSET -> {
                    account = cu.account();
                    text = "Betaling";
                }
                case NAME_VARIANT -> {
                    payerName = variant(cu.name(), rnd);
                    account = null;
                }
                case ORG_NO_IN_TEXT -> {
                    payerName = "Regnskapskontoret " + PERSON_LAST[rnd.nextInt(PERSON_LAST.length)];
                    account = null;
                    String org = cu.country() == Country.NO
                            ? cu.orgNo().substring(0, 3) + " " + cu.orgNo().substring(3, 6) + " " + cu.orgNo().substring(6)
                            : cu.orgNo().substring(0, 6) + "-" + cu.orgNo().substring(6);
                    text = "Innbetaling for org.nr " + org;
                }
                case NO_CLUE -> {
                    payerName = PERSON[rnd.nextInt(PERSON.length)] + " " + PERSON_LAST[rnd.nextInt(PERSON_LAST.length)];
                    account = null;
                }
                default -> throw new IllegalStateException(kind.name());
            }
            List<Long> truth = new ArrayList<>();
            paid.forEach(i -> truth.add(i.id()));
            Payment pay = new Payment(new BankPayment(p, amount, inv.currency(), booking, ref, e2e, bankRef, payerName,
                    account, text, false), kind, List.copyOf(truth), null);
            payments.add(pay);
            if (kind == Kind.REFERENCE) {
                reversible.add(pay);
            }
        }
        // a reversed payment pays nothing in the end: its truth is kept, but the benchmark scores it separately
    }

    /** A reference written in a message as people write it: alone, after a word, or in groups of four. */
    static String referenceInText(String ref, SplittableRandom rnd) {
        String grouped = String.join(" ", ref.split("(?<=\\G.{4})"));
        return switch (rnd.nextInt(4)) {
            case 0 -> "KID " + ref;
            case 1 -> "Betaling " + grouped;
            case 2 -> "ref: " + ref + ", takk";
            default -> ref;
        };
    }

    /** The invoices' numbers written as people write them. */
    static String textNaming(List<Invoice> paid, SplittableRandom rnd) {
        List<String> nos = new ArrayList<>();
        int style = rnd.nextInt(5);
        for (Invoice i : paid) {
            String no = i.invoiceNo();
            nos.add(switch (style) {
                case 0 -> no;
                case 1 -> no.replace("-", "");
                case 2 -> no.replace("-", " ");
                case 3 -> "0" + no;
                default -> no.replace("-", "-0");
            });
        }
        String prefix = new String[] {"Faktura ", "fakt nr ", "inv. ", "Fakturanr: ", "Betaling faktura "}[rnd.nextInt(5)];
        String sep = rnd.nextBoolean() ? " og " : ", ";
        return prefix + String.join(sep, nos);
    }

    static String mistype(String ref, SplittableRandom rnd) {
        char[] c = ref.toCharArray();
        for (int tries = 0; tries < 100; tries++) {
            int i = rnd.nextInt(c.length);
            if (c[i] < '0' || c[i] > '9') {
                continue;
            }
            if (rnd.nextBoolean() && i + 1 < c.length && c[i + 1] >= '0' && c[i + 1] <= '9' && c[i] != c[i + 1]) {
                char t = c[i];
                c[i] = c[i + 1];
                c[i + 1] = t;
            } else {
                c[i] = (char) ('0' + (c[i] - '0' + 1 + rnd.nextInt(9)) % 10);
            }
            String s = new String(c);
            if (!PaymentReferences.isValid(s)) {
                return s;
            }
            c = ref.toCharArray();
        }
        return ref.substring(0, ref.length() - 1);
    }

    static String variant(String name, SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> name.toUpperCase(java.util.Locale.ROOT);
            case 1 -> name.replace(" AS", " A/S").replace(" AB", " A.B.");
            case 2 -> name.replace(" AS", "").replace(" AB", "");
            default -> {
                String[] w = name.split(" ");
                yield w[2] + " " + w[0] + " " + w[1] + (w.length > 3 ? " " + w[3] : "");
            }
        };
    }

    private static int pick(SplittableRandom rnd, int[] weights) {
        int sum = 0;
        for (int w : weights) {
            sum += w;
        }
        int r = rnd.nextInt(sum);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static int[] shuffled(int n, SplittableRandom rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i + 1;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
