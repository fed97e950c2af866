package org.reskontro.letters.jdbc;

import org.reskontro.letters.LetterOutbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the letter outbox. */
@Configuration(proxyBeanMethods = false)
public class LettersJdbcConfiguration {

    @Bean
    LetterOutbox letterOutbox(JdbcClient jdbc) {
        return new JdbcLetterOutbox(jdbc);
    }
}
