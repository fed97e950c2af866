package org.reskontro.dunning.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.reskontro.dunning.DunningPolicy;
import org.reskontro.dunning.LegalRules;
import org.reskontro.letters.DunningLetter;

class DunningConfigurationTest {

    final Clock clock = Clock.fixed(Instant.parse("2024-04-30T06:00:00Z"), ZoneId.of("Europe/Oslo"));

    static DunningProperties props(List<DunningProperties.Level> levels) {
        return new DunningProperties(3, true, Map.of("nok", new BigDecimal("250")), true,
                new DunningProperties.BusinessCompensation(true, false), 500, 1, levels);
    }

    @Test
    void aLevelGivenReplacesTheDefaultsFieldByField() {
        DunningPolicy p = DunningConfiguration.policyOf(props(List.of(
                new DunningProperties.Level(2, null, 10, null, Map.of("sek", new BigDecimal("50")), "print", null, null))));
        assertThat(p.graceDays()).isEqualTo(3);
        assertThat(p.requireBankFiles()).isTrue();
        assertThat(p.minimum("NOK")).isEqualByComparingTo("250");
        assertThat(p.minimum("SEK")).isEqualByComparingTo("100");
        assertThat(p.compensationNorway()).isTrue();
        assertThat(p.compensationSweden()).isFalse();
        DunningPolicy.Level l2 = p.level(2);
        assertThat(l2.daysOverdue()).isEqualTo(10);
        assertThat(l2.minDaysSincePrevious()).isEqualTo(7);
        assertThat(l2.fee("SEK")).isEqualByComparingTo("50");
        assertThat(l2.fee("NOK")).isEqualByComparingTo("35");
        assertThat(l2.channel()).isEqualTo(DunningLetter.Channel.PRINT);
        assertThat(l2.template()).isEqualTo("formal-reminder");
    }

    @Test
    void anIllegalPolicyStopsTheStartWithTheRule() {
        DunningProperties illegal = props(List.of(
                new DunningProperties.Level(2, null, null, null, Map.of("NOK", new BigDecimal("70")), null, null, null),
                new DunningProperties.Level(3, null, null, null, null, null, null, 5)));
        assertThatThrownBy(() -> new DunningConfiguration().dunningPolicy(illegal, LegalRules.nordic(), clock))
                .hasMessageContaining("illegal dunning policy (reskontro.dunning)")
                .hasMessageContaining("fee 70.00 NOK is above the cap 35.00 NOK")
                .hasMessageContaining("gives 5 days to pay; collection only after an inkassovarsel")
                .hasMessageContaining("at least 8 days to pay has run out (inkassolagen 5 §");
    }

    @Test
    void theDefaultsAreLegal() {
        assertThat(LegalRules.nordic().check(DunningPolicy.defaults(), clock.instant().atZone(clock.getZone())
                .toLocalDate())).isEmpty();
    }
}
