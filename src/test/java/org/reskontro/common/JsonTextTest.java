package org.reskontro.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(JsonText.quote("Haugen & \"Sønn\" AS\\\n\t\u0001\u2028"))
                .isEqualTo("\"Haugen & \\\"Sønn\\\" AS\\\\\\n\\t\\u0001\\u2028\"");
    }

    @Test
    void theHtmlSafeFormKeepsMarkupInert() {
        assertThat(JsonText.appendHtmlSafe(new StringBuilder(), "<script>&").toString())
                .isEqualTo("\"\\u003cscript\\u003e\\u0026\"");
        assertThat(JsonText.quote("<b>")).isEqualTo("\"<b>\"");
    }

    @Test
    void nullIsTheJsonNull() {
        assertThat(JsonText.quote(null)).isEqualTo("null");
        assertThat(JsonText.append(new StringBuilder("x="), "").toString()).isEqualTo("x=\"\"");
    }
}
