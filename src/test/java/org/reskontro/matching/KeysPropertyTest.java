package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/**
 * The keys are built by hand-written loops, since they run for every token of every payment; these properties
 * hold them to the regular expressions they replace, on texts made of the characters that matter.
 */
class KeysPropertyTest {

    @Property(tries = 2000)
    void segmentsAreTheRunsOfLettersAndDigitsWithoutLeadingZeros(
            @ForAll @StringLength(max = 16) @Chars({'0', '1', '9', 'a', 'B', ' ', '-', '/', '.', 'æ'}) String no) {
        List<String> kept = new ArrayList<>();
        for (String part : no.toUpperCase(Locale.ROOT).split("[^0-9A-Z]+")) {
            if (!part.isEmpty()) {
                kept.add(part.replaceFirst("^0+(?=.)", ""));
            }
        }
        assertThat(Keys.invoiceSegments(no)).isEqualTo(kept.size() < 2 ? null : "S:" + String.join("/", kept));
    }

    @Property(tries = 2000)
    void wordsAreTheSpaceSeparatedParts(@ForAll @StringLength(max = 12) @Chars({'a', 'b', ' '}) String text) {
        List<String> expected = text.trim().isEmpty() ? List.of() : Arrays.asList(text.trim().split(" +"));
        assertThat(Keys.words(text)).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void digitsAreTheDigits(@ForAll @StringLength(max = 12) @CharRange(from = ' ', to = 'z') String text) {
        String d = text.replaceAll("[^0-9]", "");
        assertThat(Keys.digits(text)).isEqualTo(d.isEmpty() ? null : d);
    }
}
