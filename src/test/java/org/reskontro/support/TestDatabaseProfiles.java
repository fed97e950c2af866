package org.reskontro.support;

import org.springframework.test.context.ActiveProfilesResolver;

/** Chooses the database profile from the system property {@code reskontro.test.db} (h2 or mariadb). */
public class TestDatabaseProfiles implements ActiveProfilesResolver {

    public static String database() {
        return System.getProperty("reskontro.test.db", "h2");
    }

    @Override
    public String[] resolve(Class<?> testClass) {
        return new String[] {"test", "test-" + database()};
    }
}
