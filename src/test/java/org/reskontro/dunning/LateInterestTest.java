package org.reskontro.dunning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.reskontro.ledger.Country;

class LateInterestTest {

    final LegalRules rules = LegalRules.nordic();

    @Test
    void norwegianInterestCrossesTheHalfYearBoundaryByDay() {
        // 10 days at 10.75 % (2023-06-21..30) and 10 days at 11.75 % (2023-07-01..10): 10 000 x 2.25 / 365
        BigDecimal i = LateInterest.accrue(new BigDecimal("10000.00"), LocalDate.of(2023, 6, 20),
                LocalDate.of(2023, 7, 10), rules.lateInterestTable(Country.NO), "NOK");
        assertThat(i).isEqualByComparingTo("61.64");
    }

    @Test
    void swedishInterestIsTheReferenceRatePlusEightAcrossTheNewYear() {
        // 10 days at 12.00 % (4.00 + 8) and 10 days at 11.00 % (3.00 + 8): 1 000 x 2.30 / 365 = 6.301
        BigDecimal i = LateInterest.accrue(new BigDecimal("1000.00"), LocalDate.of(2024, 12, 21),
                LocalDate.of(2025, 1, 10), rules.lateInterestTable(Country.SE), "SEK");
        assertThat(i).isEqualByComparingTo("6.30");
    }

    @Test
    void roundedHalfUpOnlyAtTheEnd() {
        // 365 single days at 12.50 % on 1.00 would round to 0.00 each; accrued whole it is 0.125 -> 0.13
        BigDecimal i = LateInterest.accrue(new BigDecimal("1.00"), LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31), rules.lateInterestTable(Country.NO), "NOK");
        assertThat(i).isEqualByComparingTo("0.13");
    }

    @Test
    void noInterestOnOrBeforeTheDueDate() {
        assertThat(LateInterest.accrue(new BigDecimal("1000"), LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 1),
                rules.lateInterestTable(Country.NO), "NOK")).isEqualByComparingTo("0");
    }

    @Test
    void theDatedRatesInForce() {
        assertThat(rules.lateInterestRate(Country.NO, LocalDate.of(2023, 3, 1))).isEqualByComparingTo("10.75");
        assertThat(rules.lateInterestRate(Country.NO, LocalDate.of(2024, 7, 1))).isEqualByComparingTo("12.50");
        assertThat(rules.lateInterestRate(Country.NO, LocalDate.of(2025, 7, 1))).isEqualByComparingTo("12.25");
        assertThat(rules.lateInterestRate(Country.NO, LocalDate.of(2026, 1, 1))).isEqualByComparingTo("12.00");
        assertThat(rules.lateInterestRate(Country.SE, LocalDate.of(2024, 6, 30))).isEqualByComparingTo("12.00");
        // Riksbank: the December 2024 cut to 2.50 applied from 8 January 2025, so the rate at the end of 2024 was
        // 2.75, rounded up to the next half point: 3.00 from 2025-01-01 (and 2.50 from 2023-01-01, not 2.00)
        assertThat(rules.lateInterestRate(Country.SE, LocalDate.of(2023, 3, 1))).isEqualByComparingTo("10.50");
        assertThat(rules.lateInterestRate(Country.SE, LocalDate.of(2025, 1, 1))).isEqualByComparingTo("11.00");
        assertThat(rules.lateInterestRate(Country.SE, LocalDate.of(2025, 7, 1))).isEqualByComparingTo("10.00");
        assertThat(rules.businessCompensation(Country.SE, LocalDate.of(2024, 4, 30))).isEqualByComparingTo("450");
        assertThat(rules.businessCompensation(Country.NO, LocalDate.of(2024, 4, 30))).isEqualByComparingTo("470");
        assertThat(rules.businessCompensation(Country.NO, LocalDate.of(2026, 1, 1))).isEqualByComparingTo("460");
        // inkassosats 750 NOK from 2026-01-01: the reminder fee cap rises from 35.00 to 37.50
        assertThat(rules.reminderFeeCap(Country.NO, LocalDate.of(2025, 12, 31))).isEqualByComparingTo("35.00");
        assertThat(rules.reminderFeeCap(Country.NO, LocalDate.of(2026, 1, 1))).isEqualByComparingTo("37.50");
        assertThatThrownBy(() -> rules.lateInterestRate(Country.NO, LocalDate.of(2020, 1, 1)))
                .hasMessageContaining("no value in force on 2020-01-01");
    }
}
