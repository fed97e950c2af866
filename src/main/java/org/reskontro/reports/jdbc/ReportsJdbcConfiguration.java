package org.reskontro.reports.jdbc;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the report queries and the daily report writer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportsProperties.class)
public class ReportsJdbcConfiguration {

    /** The report queries stream their rows: a client whose statements fetch in batches instead of all at once. */
    static JdbcClient streaming(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        return JdbcClient.create(template);
    }

    static final int FETCH_SIZE = 1000;

    @Bean
    AgingQuery agingQuery(DataSource dataSource) {
        return new AgingQuery(streaming(dataSource));
    }

    @Bean
    ReconciliationQuery reconciliationQuery(DataSource dataSource, AgingQuery aging) {
        return new ReconciliationQuery(streaming(dataSource), aging);
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
