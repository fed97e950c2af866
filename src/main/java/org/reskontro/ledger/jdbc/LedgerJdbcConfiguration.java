package org.reskontro.ledger.jdbc;

import javax.sql.DataSource;

import org.reskontro.ledger.PaymentReferences;
import org.reskontro.operations.config.ReskontroProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the ledger's JDBC adapters. */
@Configuration(proxyBeanMethods = false)
public class LedgerJdbcConfiguration {

    @Bean
    LedgerJournal ledgerJournal(JdbcClient jdbc, DataSource dataSource) {
        return new LedgerJournal(jdbc, new JdbcTemplate(dataSource));
    }

    @Bean
    LedgerStore ledgerStore(JdbcClient jdbc) {
        return new LedgerStore(jdbc);
    }

    @Bean
    StatementQuery statementQuery(JdbcClient jdbc, LedgerStore store) {
        return new StatementQuery(jdbc, store);
    }

    @Bean
    PaymentReferences paymentReferences(ReskontroProperties properties) {
        return new PaymentReferences(properties.references().norway(), properties.references().sweden());
    }
}
