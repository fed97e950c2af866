package org.reskontro.operations.boot;

import java.time.Clock;

import org.reskontro.operations.config.ReskontroProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot application behind every command that needs the database. Scans the feature packages for
 * their {@code @Configuration} classes; all wiring is explicit with {@code @Bean}.
 */
@SpringBootApplication(scanBasePackages = "org.reskontro")
@EnableConfigurationProperties(ReskontroProperties.class)
public class ReskontroApplication {

    /** The one clock of the application; tests replace it. */
    @Bean
    Clock clock(ReskontroProperties properties) {
        return Clock.system(properties.timeZone());
    }
}
