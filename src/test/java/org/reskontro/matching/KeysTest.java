package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void namesAgreeAcrossCaseLegalFormAndWordOrder() {
        assertThat(Keys.name("BYGGMESTER HANSEN A/S")).isEqualTo(Keys.name("Hansen Byggmester AS"))
                .isEqualTo(Keys.name("Byggmester Hansen")).isEqualTo("byggmester hansen");
        assertThat(Keys.name("Sjö Älv AB")).isEqualTo("alv sjo");
        assertThat(Keys.name("AS")).isNull();
    }

    @Test
    void invoiceNumbersLoseSeparatorsAndLeadingZeros() {
        assertThat(Keys.invoiceNo("2024-001")).isEqualTo("2024001");
        assertThat(Keys.invoiceDigits("02024 001")).isEqualTo("2024001");
        assertThat(Keys.invoiceNo("inv-0042")).isEqualTo("INV0042");
        assertThat(Keys.invoiceDigits("IB-10001")).isEqualTo("10001");
        assertThat(Keys.invoiceSegments("2024-0005072")).isEqualTo(Keys.invoiceSegments("2024 05072")).isEqualTo("S:2024/5072");
        assertThat(Keys.invoiceSegments("2024001")).isNull();
    }

    @Test
    void invoiceNumbersInText() {
        assertThat(InvoiceNumbers.scan("inv. 2024-001 og 2024-002")).extracting(InvoiceNumbers.Token::raw)
                .containsExactly("2024-001", "2024-002");
        assertThat(InvoiceNumbers.scan("Faktura 2024-001, 2024-002 och 2024-003"))
                .allMatch(InvoiceNumbers.Token::strong).hasSize(3);
        assertThat(InvoiceNumbers.scan("Betaling 2024-001")).singleElement()
                .satisfies(t -> assertThat(t.strong()).isFalse());
    }
}
