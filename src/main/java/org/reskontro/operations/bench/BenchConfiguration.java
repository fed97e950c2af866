package org.reskontro.operations.bench;

import org.reskontro.matching.jdbc.SyntheticLedgerWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The benchmark's database helper. */
@Configuration(proxyBeanMethods = false)
public class BenchConfiguration {

    @Bean
    BenchLedger benchLedger(JdbcTemplate jdbc, SyntheticLedgerWriter ledger) {
        return new BenchLedger(jdbc, ledger);
    }
}
