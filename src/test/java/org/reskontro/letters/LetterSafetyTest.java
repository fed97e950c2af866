package org.reskontro.letters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LetterSafetyTest {

    @Test
    void onlyOnePlainAddressIsValid() {
        assertThat(LetterSafety.isValidAddress("byggmester.hansen.as@example.no")).isTrue();
        assertThat(LetterSafety.isValidAddress("a+b@sub.example.se")).isTrue();
        assertThat(LetterSafety.isValidAddress("a@example.no\r\nBcc: x@evil.com")).isFalse();
        assertThat(LetterSafety.isValidAddress("a@example.no\nBcc: x@evil.com")).isFalse();
        assertThat(LetterSafety.isValidAddress("a@example.no, b@example.no")).isFalse();
        assertThat(LetterSafety.isValidAddress("Name <a@example.no>")).isFalse();
        assertThat(LetterSafety.isValidAddress("a@localhost")).isFalse();
        assertThat(LetterSafety.isValidAddress("not an address")).isFalse();
        assertThat(LetterSafety.isValidAddress("")).isFalse();
        assertThat(LetterSafety.isValidAddress(null)).isFalse();
    }

    @Test
    void headerTextHasNoLineBreaksOrControls() {
        assertThat(LetterSafety.headerText("Purring\r\nBcc: x@evil.com")).isEqualTo("Purring Bcc: x@evil.com");
        assertThat(LetterSafety.headerText("a\u0000b\tc\u2028d")).isEqualTo("a b c d");
        assertThat(LetterSafety.headerText("x".repeat(500))).hasSize(180);
    }

    @Test
    void payloadIsJsonWithEscapedText() {
        DunningLetter l = SampleLetters.letter(org.reskontro.ledger.Language.NB, 3, "A \"B\"\n<C>", "a@example.no");
        String json = LetterPayload.json(l);
        assertThat(json).startsWith("{\"version\":1,").contains("\"customerName\":\"A \\\"B\\\"\\n\\u003cC\\u003e\"")
                .contains("\"principalLeft\":30000.00").contains("\"ratePercent\":12.50").contains("\"total\":31797.83");
    }
}
