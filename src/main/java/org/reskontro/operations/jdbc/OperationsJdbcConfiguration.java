package org.reskontro.operations.jdbc;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the database lock. */
@Configuration(proxyBeanMethods = false)
public class OperationsJdbcConfiguration {

    @Bean
    RunLock runLock(DataSource dataSource) {
        return new RunLock(dataSource);
    }
}
