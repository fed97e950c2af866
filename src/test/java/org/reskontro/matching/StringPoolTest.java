package org.reskontro.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StringPoolTest {

    @Test
    void givesBackEveryStringAsAddedAcrossChunksLengthsAndScripts() {
        StringPool pool = new StringPool();
        List<String> added = new ArrayList<>();
        List<Integer> handles = new ArrayList<>();
        String[] samples = {"", "2024-0000123", "Bjørn Ærlig Åsen AS", "Ölund & Söner AB", "€ 12", "x".repeat(63),
                "y".repeat(64), "z".repeat(8_191), "w".repeat(8_192), "æ".repeat(5_000), "1".repeat(31), "1".repeat(32),
                "9".repeat(8_191), "0".repeat(8_192), "12345678903", "2024 05/07.3:4+1-", "RF18539007547034", "Ab 12"};
        for (int i = 0; i < 20_000; i++) { // about 3 MB: many 64 KB chunks, strings at their ends
            String s = samples[i % samples.length] + (i % 3 == 0 ? "" : i);
            added.add(s);
            handles.add(pool.add(s));
        }
        for (int i = 0; i < added.size(); i++) {
            assertEquals(added.get(i), pool.get(handles.get(i)), "string " + i);
            assertTrue(pool.equalTo(handles.get(i), added.get(i)), "string " + i);
        }
        assertNull(pool.get(pool.add(null)));
        assertTrue(pool.equalTo(StringPool.NULL, null));
    }

    @Test
    void equalToTellsStringsOfTheSameLengthApart() {
        StringPool pool = new StringPool();
        int h = pool.add("12345678903");
        assertFalse(pool.equalTo(h, "12345678904"));
        assertFalse(pool.equalTo(h, "1234567890"));
        assertFalse(pool.equalTo(h, null));
        int packed = pool.add("2024-0005072");
        assertTrue(pool.equalTo(packed, "2024-0005072"));
        assertFalse(pool.equalTo(packed, "2024-0005073"));
        assertFalse(pool.equalTo(packed, "2024-000507"));
        assertFalse(pool.equalTo(pool.add("123"), "1230"));
        int n = pool.add("Ærlig");
        assertTrue(pool.equalTo(n, "Ærlig"));
        assertFalse(pool.equalTo(n, "Arlig"));
    }
}
