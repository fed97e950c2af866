package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reskontro.matching.CreditPlan.Credit;
import org.reskontro.matching.CreditPlan.Debt;
import org.reskontro.matching.CreditPlan.Use;

class CreditPlanTest {

    private static BigDecimal nok(String s) {
        return new BigDecimal(s);
    }

    @Test
    void theOldestCreditPaysTheInvoicesInTheGivenOrder() {
        List<Use> uses = CreditPlan.plan(
                List.of(new Credit(1, "NOK", nok("150.00")), new Credit(2, "NOK", nok("100.00"))),
                List.of(new Debt(10, "NOK", nok("120.00")), new Debt(11, "NOK", nok("500.00"))));
        assertThat(uses).containsExactly(
                new Use(1, 10, "NOK", nok("120.00")), new Use(1, 11, "NOK", nok("30.00")), new Use(2, 11, "NOK", nok("100.00")));
    }

    @Test
    void neverMoreThanTheInvoiceOwesSoTheRestStaysOnAccount() {
        List<Use> uses = CreditPlan.plan(List.of(new Credit(1, "NOK", nok("300.00"))),
                List.of(new Debt(10, "NOK", nok("120.00"))));
        assertThat(uses).containsExactly(new Use(1, 10, "NOK", nok("120.00")));
    }

    @Test
    void neverAcrossCurrencies() {
        List<Use> uses = CreditPlan.plan(List.of(new Credit(1, "SEK", nok("300.00"))),
                List.of(new Debt(10, "NOK", nok("120.00")), new Debt(11, "SEK", nok("50.00"))));
        assertThat(uses).containsExactly(new Use(1, 11, "SEK", nok("50.00")));
    }

    @Test
    void nothingToUseWithoutCreditOrDebt() {
        assertThat(CreditPlan.plan(List.of(), List.of(new Debt(10, "NOK", nok("1.00"))))).isEmpty();
        assertThat(CreditPlan.plan(List.of(new Credit(1, "NOK", nok("1.00"))), List.of())).isEmpty();
    }
}
