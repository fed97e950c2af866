package org.reskontro.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckDigitsTest {

    @Test
    void digitsOfKeepsOnlyAsciiDigitsInOrder() {
        assertThat(CheckDigits.digitsOf("1503.20 80119")).isEqualTo("15032080119");
        assertThat(CheckDigits.digitsOf("556036-0793")).isEqualTo("5560360793");
        assertThat(CheckDigits.digitsOf("Faktura nr. 0042-A")).isEqualTo("0042");
        assertThat(CheckDigits.digitsOf("\u0663\uFF17x")).isEmpty(); // other scripts' digits are not [0-9]
        assertThat(CheckDigits.digitsOf("abc")).isEmpty();
        assertThat(CheckDigits.digitsOf(null)).isEmpty();
    }

    @Test
    void luhnOfKnownNumbers() {
        assertThat(CheckDigits.mod10("7992739871")).isEqualTo('3');
        assertThat(CheckDigits.isLuhn("79927398713")).isTrue();
        assertThat(CheckDigits.isLuhn("79927398710")).isFalse();
    }

    @Test
    void mod11KidUsesDashForTen() {
        // 1234567 -> weights 2..7 from the right: sum = 7*2+6*3+5*4+4*5+3*6+2*7+1*2 = 106; 106 % 11 = 7; 11-7 = 4
        assertThat(CheckDigits.mod11("1234567")).isEqualTo('4');
        assertThat(CheckDigits.isMod11("12345674")).isTrue();
        assertThat(CheckDigits.isMod11("12345675")).isFalse();
        String body = findBodyWithCheck('-');
        assertThat(CheckDigits.isMod11(body + "-")).isTrue();
    }

    private static String findBodyWithCheck(char wanted) {
        for (int i = 1000; i < 100000; i++) {
            if (CheckDigits.mod11(Integer.toString(i)) == wanted) {
                return Integer.toString(i);
            }
        }
        throw new AssertionError("none found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"914778271", "923609016", "974760673"})
    void validNorwegianOrganisationNumbers(String orgNo) {
        assertThat(CheckDigits.isNorwegianOrgNo(orgNo)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"914778272", "12345678", "abcdefghi", ""})
    void invalidNorwegianOrganisationNumbers(String orgNo) {
        assertThat(CheckDigits.isNorwegianOrgNo(orgNo)).isFalse();
    }

    @Test
    void swedishOrganisationNumbers() {
        assertThat(CheckDigits.isSwedishOrgNo("556036-0793")).isTrue(); // Volvo Personvagnar AB
        assertThat(CheckDigits.isSwedishOrgNo("5560360793")).isTrue();
        assertThat(CheckDigits.isSwedishOrgNo("556036-0794")).isFalse();
    }

    @Test
    void rfReferences() {
        assertThat(CheckDigits.isRf("RF18 5390 0754 7034")).isTrue(); // the ISO 11649 example
        assertThat(CheckDigits.isRf("RF18 5390 0754 7035")).isFalse();
        assertThat(CheckDigits.rf("539007547034")).isEqualTo("RF18539007547034");
        assertThat(CheckDigits.isRf(CheckDigits.rf("ABC123"))).isTrue();
    }

    @Test
    void swedishOcrWithLengthDigit() {
        String base = "1234567";
        String withLength = base + ((base.length() + 2) % 10);
        String ocr = withLength + CheckDigits.mod10(withLength);
        assertThat(CheckDigits.isSwedishOcrWithLength(ocr)).isTrue();
        assertThat(CheckDigits.isSwedishOcrWithLength(base + "0" + CheckDigits.mod10(base + "0"))).isFalse();
    }
}
