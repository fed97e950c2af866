package org.reskontro.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class KeyTableTest {

    @Test
    void keysThatShareAHashNeverMix() {
        List<String> keys = List.of("alpha", "beta", "gamma", "delta");
        KeyTable t = new KeyTable(2);
        for (int e = 0; e < keys.size(); e++) {
            String k = keys.get(e);
            t.add(7, x -> keys.get(x).equals(k), e, false); // every key under the same hash
        }
        for (int e = 0; e < keys.size(); e++) {
            String k = keys.get(e);
            int code = t.get(7, x -> keys.get(x).equals(k));
            assertFalse(KeyTable.ambiguous(code));
            assertEquals(e, KeyTable.entry(code));
        }
        assertEquals(KeyTable.ABSENT, t.get(7, x -> keys.get(x).equals("epsilon")));
        assertEquals(KeyTable.ABSENT, t.get(8, x -> true));
    }

    @Test
    void aKeyForASecondEntryIsAmbiguousAndKeepsItsFirst() {
        List<String> keyOf = List.of("k", "k", "other");
        KeyTable t = new KeyTable(4);
        t.add("k".hashCode(), x -> keyOf.get(x).equals("k"), 0, false);
        t.add("k".hashCode(), x -> keyOf.get(x).equals("k"), 0, false); // the same entry again: unchanged
        assertFalse(KeyTable.ambiguous(t.get("k".hashCode(), x -> keyOf.get(x).equals("k"))));
        t.add("k".hashCode(), x -> keyOf.get(x).equals("k"), 1, false);
        int code = t.get("k".hashCode(), x -> keyOf.get(x).equals("k"));
        assertTrue(KeyTable.ambiguous(code));
        assertEquals(0, KeyTable.entry(code));

        KeyTable strict = new KeyTable(4);
        strict.add(1, x -> true, 2, true);
        strict.add(1, x -> true, 2, true); // twiceIsAmbiguous: even the same entry
        assertTrue(KeyTable.ambiguous(strict.get(1, x -> true)));
    }

    @Test
    void agreesWithAHashMapWhileGrowing() {
        Random rnd = new Random(42);
        List<String> entries = new ArrayList<>();
        Map<String, Integer> expected = new HashMap<>();
        KeyTable t = new KeyTable(1);
        for (int i = 0; i < 20_000; i++) {
            String k = Long.toString(rnd.nextLong() & 0xFFFFF, 36); // repeats, so some keys come twice
            entries.add(k);
            int e = i;
            t.add(k.hashCode() & 0xFFF, x -> entries.get(x).equals(k), e, false); // 4,096 hashes: long probe chains
            expected.merge(k, e, (a, b) -> -1);
        }
        for (Map.Entry<String, Integer> x : expected.entrySet()) {
            String k = x.getKey();
            int code = t.get(k.hashCode() & 0xFFF, e -> entries.get(e).equals(k));
            assertEquals(x.getValue() < 0, KeyTable.ambiguous(code), k);
            if (x.getValue() >= 0) {
                assertEquals((int) x.getValue(), KeyTable.entry(code), k);
            }
        }
    }
}
