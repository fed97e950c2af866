package org.reskontro.reports.jdbc;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the report queries and the daily report writer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportsProperties.class)
public class ReportsJdbcConfiguration {

    @Bean
    AgingQuery agingQuery(JdbcClient jdbc) {
        return new AgingQuery(jdbc);
    }

    @Bean
    ReconciliationQuery reconciliationQuery(JdbcClient jdbc, AgingQuery aging) {
        return new ReconciliationQuery(jdbc, aging);
    }

    @Bean
    KeyFiguresQuery keyFiguresQuery(JdbcClient jdbc, AgingQuery aging, ReportsProperties properties) {
        return new KeyFiguresQuery(jdbc, aging, properties);
    }

    @Bean
    DailyReportWriter dailyReportWriter(AgingQuery aging, ReconciliationQuery reconciliation, KeyFiguresQuery keyFigures) {
        return new DailyReportWriter(aging, reconciliation, keyFigures);
    }
}
