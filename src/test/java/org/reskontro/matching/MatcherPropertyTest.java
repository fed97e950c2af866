package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The pipeline never auto-matches a transaction to anything but its true invoices (nor keeps one on the account of a
 * customer other than its payer's, rule 7), on generated ledgers with any seed and any mix of noise (including mixes
 * made only of the hard cases).
 */
class MatcherPropertyTest {

    @Property(tries = 60)
    void neverAWrongAutomaticMatch(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                   @ForAll @IntRange(min = 20, max = 400) int n,
                                   @ForAll @IntRange(min = 0, max = 10) int reference,
                                   @ForAll @IntRange(min = 0, max = 10) int mistyped,
                                   @ForAll @IntRange(min = 0, max = 10) int combined,
                                   @ForAll @IntRange(min = 0, max = 10) int names,
                                   @ForAll @IntRange(min = 0, max = 10) int unrelated,
                                   @ForAll @IntRange(min = 0, max = 10) int tolerance,
                                   @ForAll @IntRange(min = 0, max = 10) int inText) {
        Map<SyntheticLedger.Kind, Integer> mix = SyntheticLedger.defaultMix();
        mix.put(SyntheticLedger.Kind.REFERENCE, reference);
        mix.put(SyntheticLedger.Kind.MISTYPED_REFERENCE, mistyped);
        mix.put(SyntheticLedger.Kind.COMBINED_SUBSET, combined);
        mix.put(SyntheticLedger.Kind.COMBINED_TEXT, combined);
        mix.put(SyntheticLedger.Kind.NAME_VARIANT, names);
        mix.put(SyntheticLedger.Kind.UNRELATED, unrelated);
        mix.put(SyntheticLedger.Kind.NO_CLUE, unrelated);
        mix.put(SyntheticLedger.Kind.FEE_DEDUCTED, tolerance);
        mix.put(SyntheticLedger.Kind.PARTIAL, tolerance);
        mix.put(SyntheticLedger.Kind.REFERENCE_IN_TEXT, inText);
        SyntheticLedger ledger = SyntheticLedger.generate(n, seed, mix);
        MatchIndex idx = ledger.index();
        Matcher matcher = new Matcher(MatchPolicy.DEFAULT);
        Map<Long, Long> customerOf = new java.util.HashMap<>();
        ledger.invoices().forEach(i -> customerOf.put(i.id(), i.customerId()));
        List<String> wrong = new ArrayList<>();
        for (SyntheticLedger.Payment p : ledger.payments()) {
            Decision d = matcher.decide(p.tx(), idx);
            if (d instanceof Decision.Unmatched u
                    && matcher.settledReference(p.tx(), idx, u, Map.of(), null) instanceof Decision.Matched m
                    && (p.truth().isEmpty() || customerOf.get(p.truth().get(0)) != m.customerId())) {
                wrong.add(p.kind() + " " + p.tx() + " truth " + p.truth() + " kept on the account of " + m.customerId());
            }
            if (d instanceof Decision.Matched m) {
                if (!new HashSet<>(m.invoiceIds()).equals(new HashSet<>(p.truth()))) {
                    wrong.add(p.kind() + " " + p.tx() + " truth " + p.truth() + " got " + m);
                }
                idx.apply(m, p.tx().amount());
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * Any seed: a ledger of 2,000 payments has a sampling spread of about 0.35 points around the mix's recall
     * (~97.9 %), so one random seed is held to 95 %: a real loss of recall still fails it, chance never does.
     */
    @Property(tries = 20)
    void anySeedOfTheDefaultMixMatchesAtLeast95PercentOfThePaymentsToInvoices(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        int[] r = recall(seed);
        assertThat((double) r[0] / r[1]).isGreaterThanOrEqualTo(0.95);
    }

    /** The target on the default mix (at least 97 %), pooled over 20 fixed ledgers of 2,000 payments each. */
    @Test
    void theDefaultMixMatchesAtLeast97PercentOfThePaymentsToInvoices() {
        int matched = 0;
        int matchable = 0;
        for (long seed = 1; seed <= 20; seed++) {
            int[] r = recall(seed * 7919);
            matched += r[0];
            matchable += r[1];
        }
        assertThat((double) matched / matchable).isGreaterThanOrEqualTo(0.97);
    }

    /** {matched automatically, matchable} for the default mix of one seed. */
    private static int[] recall(long seed) {
        SyntheticLedger ledger = SyntheticLedger.generate(2000, seed);
        MatchIndex idx = ledger.index();
        Matcher matcher = new Matcher(MatchPolicy.DEFAULT);
        int matchable = 0;
        int matched = 0;
        for (SyntheticLedger.Payment p : ledger.payments()) {
            Decision d = matcher.decide(p.tx(), idx);
            if (p.matchable()) {
                matchable++;
            }
            if (d instanceof Decision.Matched m) {
                matched++;
                idx.apply(m, p.tx().amount());
            }
        }
        return new int[] {matched, matchable};
    }

}
