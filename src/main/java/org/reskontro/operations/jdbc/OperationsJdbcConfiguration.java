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
    PersonalData personalData(JdbcClient jdbc, org.springframework.transaction.PlatformTransactionManager tx,
                              org.springframework.core.env.Environment env, java.time.Clock clock) {
        java.util.Map<String, Integer> years = new java.util.HashMap<>(org.reskontro.operations.Retention.DEFAULTS);
        for (String country : years.keySet().toArray(new String[0])) {
            years.put(country, env.getProperty("reskontro.privacy.retention-years." + country, Integer.class,
                    years.get(country)));
        }
        return new PersonalData(jdbc, new org.springframework.transaction.support.TransactionTemplate(tx),
                new org.reskontro.operations.Retention(years), clock);
    }

    @Bean
    RunLock runLock(DataSource dataSource) {
        return new RunLock(dataSource);
    }
}
