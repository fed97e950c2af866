package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.reskontro.ledger.OpenItem;

/**
 * {@link Matcher#near} skips the candidate references whose hash code the index cannot hold; it must find exactly
 * what trying every candidate finds, in the same order.
 */
class NearReferencesTest {

    private final Random random = new Random(7);

    @Test
    void findsWhatTryingEveryCandidateFinds() {
        MatchIndex idx = new MatchIndex();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String ref = i % 3 == 0 && !refs.isEmpty() ? oneOff(refs.get(random.nextInt(refs.size()))) : randomRef();
            refs.add(ref);
            idx.addInvoice(new OpenInvoice(i + 1, i % 5000 + 1, "F-" + i, ref, "NOK", LocalDate.of(2024, 4, 1),
                    new OpenItem(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.TEN)));
        }
        int withNeighbours = 0;
        for (int i = 0; i < 5_000; i++) {
            String probe = i % 2 == 0 ? oneOff(refs.get(random.nextInt(refs.size()))) : randomRef();
            List<OpenInvoice> expected = everyCandidate(probe, idx);
            assertThat(Matcher.near(probe, idx, false)).as(probe).containsExactlyElementsOf(expected);
            withNeighbours += expected.isEmpty() ? 0 : 1;
        }
        assertThat(withNeighbours).as("probes with invoices one digit away").isGreaterThan(2_000);
    }

    @Test
    void aFilterNeverForgetsACode() {
        HashFilter filter = new HashFilter();
        int[] codes = random.ints(200_000).toArray();
        for (int c : codes) {
            filter.add(c);
        }
        for (int c : codes) {
            assertThat(filter.mayContain(c)).isTrue();
        }
        long maybe = random.ints(100_000).filter(filter::mayContain).count();
        assertThat(maybe).as("other codes answering maybe").isLessThan(10_000);
    }

    /** The references one digit changed or two neighbours swapped, each built and looked up. */
    private static List<OpenInvoice> everyCandidate(String ref, MatchIndex idx) {
        Map<Long, OpenInvoice> found = new LinkedHashMap<>();
        char[] c = ref.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char orig = c[i];
            if (orig >= '0' && orig <= '9') {
                for (char d = '0'; d <= '9'; d++) {
                    if (d != orig) {
                        c[i] = d;
                        add(idx, new String(c), found);
                    }
                }
                c[i] = orig;
            }
            if (i + 1 < c.length && c[i] != c[i + 1]) {
                char t = c[i];
                c[i] = c[i + 1];
                c[i + 1] = t;
                add(idx, new String(c), found);
                c[i + 1] = c[i];
                c[i] = t;
            }
        }
        return new ArrayList<>(found.values());
    }

    private static void add(MatchIndex idx, String ref, Map<Long, OpenInvoice> found) {
        OpenInvoice inv = idx.byReference(ref);
        if (inv != null) {
            found.put(inv.id(), inv);
        }
    }

    private String randomRef() {
        StringBuilder sb = new StringBuilder(random.nextBoolean() ? "" : "RF" + (10 + random.nextInt(89)));
        int n = 4 + random.nextInt(22);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private String oneOff(String ref) {
        char[] c = ref.toCharArray();
        int i = c.length - 1 - random.nextInt(Math.min(c.length, 6));
        if (random.nextBoolean() && i > 0) {
            char t = c[i];
            c[i] = c[i - 1];
            c[i - 1] = t;
        } else {
            c[i] = (char) ('0' + (c[i] - '0' + 1 + random.nextInt(9)) % 10);
        }
        return new String(c);
    }
}
