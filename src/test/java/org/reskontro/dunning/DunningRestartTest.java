package org.reskontro.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.letters.DunningLetter;
import org.reskontro.letters.LetterOutbox;
import org.reskontro.letters.jdbc.JdbcLetterOutbox;
import org.reskontro.letters.render.LetterRenderer;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A run that crashes half-way and is restarted leaves the same ledger as a run that never crashed. Here with one
 * customer per transaction, the finest grain; {@link DunningGroupedRestartTest} with the default groups.
 */
@IntegrationTest
@Import(DunningRestartTest.Crashing.class)
@TestPropertySource(properties = "reskontro.dunning.customers-per-transaction=1")
class DunningRestartTest {

    static final AtomicReference<String> CRASH_AT = new AtomicReference<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class Crashing {
        @Bean
        @Primary
        LetterOutbox crashingOutbox(JdbcClient jdbc, LetterRenderer renderer) {
            LetterOutbox real = new JdbcLetterOutbox(jdbc, renderer);
            return (long customerId, DunningLetter letter, String key) -> {
                real.store(customerId, letter, key);
                if (letter.customerNo().equals(CRASH_AT.get())) {
                    throw new IllegalStateException("simulated crash while storing the letter of " + letter.customerNo());
                }
            };
        }
    }

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;

    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(context);
    }

    @AfterEach
    void tearDown() {
        CRASH_AT.set(null);
    }

    @Test
    void aCrashedRunRestartedLeavesTheSameLedgerAsAnUninterruptedOne() {
        importSample();
        CliRunner.Result clean = cli.run("dunning", "--date", "2024-04-30");
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        String expected = snapshot();

        importSample();
        CRASH_AT.set("10010");
        CliRunner.Result crashed = cli.run("dunning", "--date", "2024-04-30");
        assertThat(crashed.exitCode()).isEqualTo(1);
        assertThat(crashed.err()).contains("simulated crash");
        // the customers before the crash are committed, the crashed customer not at all
        assertThat(jdbc.sql("SELECT dunning_level FROM invoice WHERE invoice_no = '2024-015'").query(Integer.class)
                .single()).isEqualTo(4);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dunning_history h JOIN customer c ON c.id = h.customer_id "
                + "WHERE c.customer_no = '10010'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM letter l JOIN customer c ON c.id = l.customer_id "
                + "WHERE c.customer_no = '10010'").query(Long.class).single()).isZero();

        CRASH_AT.set(null);
        CliRunner.Result again = cli.run("dunning", "--date", "2024-04-30");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(snapshot()).isEqualTo(expected);
        // the migrated final notice of 2024-015 is in the history and the collection export
        assertThat(jdbc.sql("SELECT business_date FROM dunning_history WHERE idem_key = 'dunning:2024-015:L3:notice'")
                .query(java.sql.Date.class).single().toString()).isEqualTo("2024-04-02");
    }

    void importSample() {
        db.reset();
        CliRunner.Result r = cli.run("import-ledger", "--customers", "sample-data/customers.csv", "--invoices",
                "sample-data/invoices.csv", "--payments", "sample-data/payments.csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    String snapshot() {
        return String.join("\n", jdbc.sql("SELECT idem_key, amount, type FROM posting ORDER BY idem_key")
                .query((rs, i) -> rs.getString(1) + "|" + rs.getBigDecimal(2).toPlainString() + "|" + rs.getString(3))
                .list())
                + String.join("\n", jdbc.sql("""
                        SELECT invoice_no, status, dunning_level, last_dunning_date, fee_open, interest_open,
                               reminder_fee_count, dunning_fee_total FROM invoice ORDER BY invoice_no""")
                .query((rs, i) -> rs.getString(1) + rs.getString(2) + rs.getInt(3) + rs.getDate(4)
                        + rs.getBigDecimal(5).toPlainString() + rs.getBigDecimal(6).toPlainString() + rs.getInt(7)
                        + rs.getBigDecimal(8).toPlainString()).list())
                + String.join("\n", jdbc.sql("SELECT idem_key FROM dunning_history ORDER BY idem_key").query(String.class).list())
                + String.join("\n", jdbc.sql("SELECT idem_key, channel, level FROM letter ORDER BY idem_key")
                .query((rs, i) -> rs.getString(1) + rs.getString(2) + rs.getInt(3)).list())
                + db.count("audit_log");
    }
}
