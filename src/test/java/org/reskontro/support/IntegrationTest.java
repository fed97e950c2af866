package org.reskontro.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.reskontro.operations.boot.ReskontroApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test against the real database: H2 (MariaDB mode) by default, MariaDB when the build runs with
 * {@code -Dreskontro.test.db=mariadb} (the second Surefire execution does). Tagged {@code db} so that execution
 * picks it up. Call {@link TestDatabase#reset()} in a {@code @BeforeEach} to start from an empty ledger.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("db")
@SpringBootTest(classes = ReskontroApplication.class, properties = {
        // inline properties outrank ./config/application.yml, so tests never touch the demo's var/ folders
        "reskontro.folders.inbox=target/test-var/inbox",
        "reskontro.folders.archive=target/test-var/archive",
        "reskontro.folders.rejected=target/test-var/rejected",
        "reskontro.folders.outbox=target/test-var/outbox",
        "reskontro.folders.print=target/test-var/print",
        "reskontro.folders.reports=target/test-var/reports",
        "reskontro.folders.export=target/test-var/export"})
@ActiveProfiles(resolver = TestDatabaseProfiles.class)
@Import(TestSupportConfiguration.class)
public @interface IntegrationTest {
}
