package org.reskontro.operations.bench;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The benchmark's database helper. */
@Configuration(proxyBeanMethods = false)
public class BenchConfiguration {

    @Bean
    BenchLedger benchLedger(JdbcTemplate jdbc) {
        return new BenchLedger(jdbc);
    }
}
