package org.reskontro.support;

import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Empties every table (the ledger's and the job repository's) so each test starts from nothing. */
public class TestDatabase {

    private final JdbcClient jdbc;

    public TestDatabase(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void reset() {
        List<String> tables = jdbc.sql("""
                SELECT table_name FROM information_schema.tables
                 WHERE table_schema = """ + (h2() ? "SCHEMA()" : "DATABASE()") + """
                   AND table_type IN ('BASE TABLE', 'TABLE')""")
                .query(String.class).list();
        jdbc.sql(h2() ? "SET REFERENTIAL_INTEGRITY FALSE" : "SET FOREIGN_KEY_CHECKS = 0").update();
        try {
            for (String table : tables) {
                if (!table.toLowerCase(Locale.ROOT).startsWith("flyway_schema_history")) {
                    jdbc.sql("DELETE FROM " + table).update();
                }
            }
        } finally {
            jdbc.sql(h2() ? "SET REFERENTIAL_INTEGRITY TRUE" : "SET FOREIGN_KEY_CHECKS = 1").update();
        }
    }

    public long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    private boolean h2() {
        return "h2".equals(TestDatabaseProfiles.database());
    }
}
