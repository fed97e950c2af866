package org.reskontro.bankfile.jdbc;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the bank-file store. */
@Configuration(proxyBeanMethods = false)
public class BankFileJdbcConfiguration {

    @Bean
    BankFileStore bankFileStore(JdbcClient jdbc, JdbcTemplate template) {
        return new BankFileStore(jdbc, template);
    }
}
