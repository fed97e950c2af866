package org.reskontro.jmh;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.reskontro.dunning.CustomerDecision;
import org.reskontro.dunning.CustomerSnapshot;
import org.reskontro.dunning.DunningDecider;
import org.reskontro.dunning.DunningPolicy;
import org.reskontro.dunning.LegalRules;
import org.reskontro.dunning.OverdueItem;
import org.reskontro.ledger.Country;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.CustomerType;
import org.reskontro.ledger.Language;

/** The dunning policy's decide function: one customer with one to four overdue invoices at mixed levels per call. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DunningBenchmark {

    static final LocalDate DATE = LocalDate.of(2024, 6, 30);

    final DunningDecider decider = new DunningDecider(DunningPolicy.defaults(), LegalRules.nordic());
    final List<CustomerSnapshot> customers = new ArrayList<>();
    int i;

    @Setup
    public void setUp() {
        for (int c = 0; c < 1000; c++) {
            Country country = c % 3 == 2 ? Country.SE : Country.NO;
            String ccy = country == Country.NO ? "NOK" : "SEK";
            List<OverdueItem> items = new ArrayList<>();
            for (int k = 0; k <= c % 4; k++) {
                int level = (c + k) % 3;
                LocalDate due = DATE.minusDays(20 + (c * 7 + k * 11) % 90);
                items.add(new OverdueItem(c * 4L + k, "2024-" + c + "-" + k, due.minusDays(14), due, "1000100000008", ccy,
                        BigDecimal.valueOf(50_000 + c * 37L, 2), BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2),
                        level, level == 0 ? null : DATE.minusDays(15 + k), null, level > 0 ? 1 : 0,
                        BigDecimal.ZERO.setScale(2)));
            }
            customers.add(new CustomerSnapshot(c, String.valueOf(100_000 + c), "Kunde " + c, null, country, ccy,
                    country == Country.NO ? Language.NB : Language.SV, "k" + c + "@example.no", false,
                    new Customer.PostalAddress("Gate 1", "0150", "Oslo"),
                    c % 2 == 0 ? CustomerType.BUSINESS : CustomerType.CONSUMER, c % 5 == 0, null, items));
        }
    }

    @Benchmark
    public CustomerDecision decide() {
        return decider.decide(customers.get(i++ % customers.size()), DATE);
    }
}
