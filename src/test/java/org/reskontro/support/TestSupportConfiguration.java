package org.reskontro.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Test wiring: a fresh schema per test JVM, a fixed clock, and {@link TestDatabase}. */
@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfiguration {

    /** Drops whatever the test database holds and migrates it anew, once per application context. */
    @Bean
    FlywayMigrationStrategy cleanMigrate() {
        return flyway -> {
            flyway.clean();
            flyway.migrate();
        };
    }

    @Bean
    @Primary
    Clock testClock() {
        return Clock.fixed(Instant.parse("2024-04-30T06:00:00Z"), ZoneId.of("Europe/Oslo"));
    }

    @Bean
    TestDatabase testDatabase(JdbcClient jdbc) {
        return new TestDatabase(jdbc);
    }
}
