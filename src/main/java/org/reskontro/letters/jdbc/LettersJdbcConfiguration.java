package org.reskontro.letters.jdbc;

import javax.sql.DataSource;

import org.reskontro.ledger.jdbc.LedgerStore;
import org.reskontro.letters.LetterOutbox;
import org.reskontro.letters.render.LetterRenderer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the letter outbox, its store and the preview query. */
@Configuration(proxyBeanMethods = false)
public class LettersJdbcConfiguration {

    @Bean
    LetterOutbox letterOutbox(JdbcClient jdbc, DataSource dataSource, LetterRenderer renderer) {
        return new JdbcLetterOutbox(jdbc, new JdbcTemplate(dataSource), renderer);
    }

    @Bean
    LetterStore letterStore(JdbcClient jdbc) {
        return new LetterStore(jdbc);
    }

    @Bean
    LetterPreviewQuery letterPreviewQuery(JdbcClient jdbc, LedgerStore ledger) {
        return new LetterPreviewQuery(jdbc, ledger);
    }
}
