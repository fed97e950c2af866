package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The filter never answers "no" for a code it was given, and answers "maybe" rarely for the others. */
class HashFilterTest {

    @Test
    void neverForgetsACodeAndRarelyClaimsAnother() {
        HashFilter filter = new HashFilter();
        int[] added = new int[1_000_000];
        for (int i = 0; i < added.length; i++) {
            // references as a ledger numbers them: consecutive, so their hash codes differ in a few low digits
            added[i] = String.valueOf(1_000_000_000L + 7L * i).hashCode();
            filter.add(added[i]);
        }
        for (int code : added) {
            assertThat(filter.mayContain(code)).isTrue();
        }
        Random rnd = new Random(7);
        int maybe = 0;
        int asked = 200_000;
        for (int i = 0; i < asked; i++) {
            if (filter.mayContain(String.valueOf(5_000_000_000L + rnd.nextInt(1 << 30)).hashCode())) {
                maybe++;
            }
        }
        // three bits a code in one word: about 3.5 % at a million codes (one bit a code gave 11 %)
        assertThat(maybe).as("false 'maybe' of %d", asked).isLessThan(asked * 6 / 100);
    }
}
