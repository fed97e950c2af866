package org.reskontro.matching.jdbc;

import java.time.Clock;

import org.reskontro.ledger.jdbc.LedgerJournal;
import org.reskontro.operations.config.ReskontroProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires matching's JDBC adapters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MatchingProperties.class)
public class MatchingJdbcConfiguration {

    @Bean
    MatchIndexLoader matchIndexLoader(JdbcTemplate jdbc, MatchingProperties properties) {
        return new MatchIndexLoader(jdbc, properties.fetchSize());
    }

    @Bean
    MatchRoutes matchRoutes(JdbcTemplate jdbc, MatchingProperties properties) {
        return new MatchRoutes(jdbc, properties.fetchSize());
    }

    @Bean
    Reversals reversals(JdbcClient jdbc, LedgerJournal journal) {
        return new Reversals(jdbc, journal);
    }

    @Bean
    MatchWriter matchWriter(JdbcTemplate jdbc, Reversals reversals) {
        return new MatchWriter(jdbc, reversals);
    }

    @Bean
    SettledReferences settledReferences(JdbcTemplate jdbc) {
        return new SettledReferences(new NamedParameterJdbcTemplate(jdbc));
    }

    @Bean
    ManualMatching manualMatching(JdbcClient jdbc, LedgerJournal journal, Reversals reversals,
                                  PlatformTransactionManager tx, Clock clock) {
        return new ManualMatching(jdbc, journal, reversals, new TransactionTemplate(tx), clock);
    }

    @Bean
    Credits credits(JdbcClient jdbc, LedgerJournal journal, PlatformTransactionManager tx, Clock clock) {
        return new Credits(jdbc, journal, new TransactionTemplate(tx), clock);
    }

    @Bean
    Refunds refunds(JdbcClient jdbc, LedgerJournal journal, Credits credits, PlatformTransactionManager tx, Clock clock) {
        return new Refunds(jdbc, journal, credits, new TransactionTemplate(tx), clock);
    }

    @Bean
    SyntheticLedgerWriter syntheticLedgerWriter(JdbcTemplate jdbc) {
        return new SyntheticLedgerWriter(jdbc);
    }

    @Bean
    WorkQueue workQueue(JdbcClient jdbc) {
        return new WorkQueue(jdbc);
    }

    @Bean
    JournalBatches journalBatches(JdbcClient jdbc, JournalExport export, PlatformTransactionManager tx) {
        return new JournalBatches(jdbc, export, new TransactionTemplate(tx));
    }

    @Bean
    JournalExport journalExport(JdbcClient jdbc, ReskontroProperties properties, MatchingProperties matching) {
        ReskontroProperties.Company c = properties.company();
        return new JournalExport(jdbc, new JournalExport.Accounts(c.bankLedgerAccount(), c.receivablesAccount(),
                matching.writeOffAccount(), c.feeIncomeAccount(), c.interestIncomeAccount()));
    }
}
