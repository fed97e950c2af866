package org.reskontro.operations.jdbc;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the database lock. */
@Configuration(proxyBeanMethods = false)
public class OperationsJdbcConfiguration {

    @Bean
    RunSummaryQuery runSummaryQuery(JdbcClient jdbc) {
        return new RunSummaryQuery(jdbc);
    }

    @Bean
    LedgerInvariants ledgerInvariants(JdbcClient jdbc) {
        return new LedgerInvariants(jdbc);
    }

    @Bean
    RunLock runLock(DataSource dataSource) {
        return new RunLock(dataSource);
    }
}
