package org.reskontro.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AgingPropertiesTest {

    static final LocalDate D = LocalDate.of(2024, 4, 30);

    @Property(tries = 200)
    void bucketsAddUpToTheTotalPerCustomerAndPerCurrency(@ForAll("items") List<OpenAmount> items) {
        AgingReport r = AgingReport.of(D, items, Map.of());
        for (AgingReport.Section s : r.sections()) {
            BigDecimal expected = items.stream().filter(i -> i.currency().equals(s.currency()))
                    .map(OpenAmount::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(s.total().total()).isEqualByComparingTo(expected);
            BigDecimal rows = s.rows().stream().map(AgingReport.Row::total).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(rows).isEqualByComparingTo(expected);
            for (Bucket b : Bucket.values()) {
                BigDecimal inBucket = items.stream()
                        .filter(i -> i.currency().equals(s.currency()) && Bucket.of(i.dueDate(), D) == b)
                        .map(OpenAmount::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(s.total().amount(b)).isEqualByComparingTo(inBucket);
            }
        }
    }

    @Provide
    Arbitrary<List<OpenAmount>> items() {
        Arbitrary<OpenAmount> item = Combinators.combine(
                Arbitraries.of("1", "2", "3"), Arbitraries.of("NOK", "SEK"),
                Arbitraries.integers().between(-200, 200),
                Arbitraries.longs().between(1, 10_000_000).map(c -> BigDecimal.valueOf(c, 2)))
                .as((customer, currency, days, amount) -> new OpenAmount(customer, "C" + customer, currency,
                        "I", D.minusDays(300), D.plusDays(days), amount));
        return item.list().ofMaxSize(30);
    }
}
