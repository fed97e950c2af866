package org.reskontro.bankfile.jdbc;

import java.time.Clock;

import org.reskontro.operations.config.ReskontroProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the bank-file store and the importer. The importer stores each file under a savepoint of the caller's
 * transaction: the application's transaction manager (Spring Boot's {@code JdbcTransactionManager}) allows nested
 * transactions.
 */
@Configuration(proxyBeanMethods = false)
public class BankFileJdbcConfiguration {

    @Bean
    BankFileStore bankFileStore(JdbcClient jdbc, JdbcTemplate template) {
        return new BankFileStore(jdbc, template);
    }

    @Bean
    BankFileImporter bankFileImporter(BankFileStore store, ReskontroProperties properties, Clock clock,
                                      PlatformTransactionManager transactions) {
        return new BankFileImporter(store, properties.timeZone(), clock, transactions);
    }
}
