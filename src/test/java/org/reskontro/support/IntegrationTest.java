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
@SpringBootTest(classes = ReskontroApplication.class)
@ActiveProfiles(resolver = TestDatabaseProfiles.class)
@Import(TestSupportConfiguration.class)
public @interface IntegrationTest {
}
