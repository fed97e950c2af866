package org.reskontro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.reskontro.operations.Json;
import org.reskontro.operations.Retention;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code reskontro privacy export/erase} after the sample night: the export holds everything about the person;
 * erasure is refused (exit 2, with the reason) while money is open or the retention period runs, and otherwise
 * anonymises the personal data, keeps every posting whole, leaves the ledger verifying clean, and is audited.
 */
@IntegrationTest
class PrivacyTest {

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void exportThenEraseOnlyWhenAllowedKeepingThePostingsWhole() {
        NightlyScenario story = new NightlyScenario(context);
        story.prepare();
        assertThat(story.nightly().exitCode()).isZero();
        CliRunner cli = story.cli;
        String payer = story.jdbc.sql("""
                SELECT t.payer_name FROM bank_transaction t JOIN customer c ON c.id = t.customer_id
                 WHERE c.customer_no = '10013' AND t.payer_name IS NOT NULL""").query(String.class).list().get(0);

        CliRunner.Result export = cli.run("privacy", "export", "--customer", "10013");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("\"customer\": {").contains("\"name\": \"Kari Nordmann\"")
                .contains("\"invoices\": [").contains("\"postings\": [").contains("\"allocations\": [")
                .contains("\"bankTransactions\": [").contains(payer).contains("\"letters\": ")
                .contains("\"audit\": ").startsWith("{").endsWith("}\n");

        String postings = postings(story, "10013");
        // refused: retention period (NO: 5 years after the end of 2024)
        CliRunner.Result early = cli.run("privacy", "erase", "--customer", "10013", "--date", "2029-12-31");
        assertThat(early.exitCode()).isEqualTo(2);
        assertThat(early.err()).contains("customer 10013").contains("kept until 2029-12-31")
                .contains("bokføringsloven § 13");
        // refused: money open
        CliRunner.Result open = cli.run("privacy", "erase", "--customer", "10016", "--date", "2035-01-01");
        assertThat(open.exitCode()).isEqualTo(2);
        // 1 290.00 on 2024-049, less the 10.00 Per Olsen overpaid on 2024-048 (600 for 590), used by the creditStep
        assertThat(open.err()).contains("open items of 1280.00");
        assertThat(cli.run("privacy", "erase", "--customer", "nobody").exitCode()).isEqualTo(2);

        CliRunner.Result erase = cli.run("privacy", "erase", "--customer", "10013", "--date", "2030-01-01",
                "--user", "dpo");
        assertThat(erase.exitCode()).as(erase.err()).isZero();
        assertThat(erase.out()).contains("personal data erased");

        Map<String, Object> c = story.jdbc.sql("SELECT * FROM customer WHERE customer_no = '10013'").query().singleRow();
        assertThat(c.get("NAME") != null ? c.get("NAME") : c.get("name")).isEqualTo("Anonymised customer 10013");
        assertThat(story.count("""
                SELECT COUNT(*) FROM customer WHERE customer_no = '10013' AND email IS NULL AND org_no IS NULL
                   AND address IS NULL AND city IS NULL AND anonymised_at IS NOT NULL""")).isEqualTo(1);
        assertThat(story.count("SELECT COUNT(*) FROM bank_transaction WHERE payer_name = '" + payer.replace("'", "''") + "'"))
                .isZero();
        assertThat(postings(story, "10013")).as("postings whole").isEqualTo(postings);
        assertThat(story.count("""
                SELECT COUNT(*) FROM audit_log a JOIN customer c ON c.id = a.customer_id
                 WHERE c.customer_no = '10013' AND a.action = 'PRIVACY_ERASE' AND a.actor = 'dpo'""")).isEqualTo(1);
        story.assertVerifies();
        String after = cli.run("privacy", "export", "--customer", "10013").out();
        assertThat(after).doesNotContain("Kari Nordmann").doesNotContain(payer).contains("PRIVACY_ERASE");

        CliRunner.Result again = cli.run("privacy", "erase", "--customer", "10013", "--date", "2030-01-01");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("erased before");
    }

    @Test
    void retentionIsPerCountry() {
        Retention r = new Retention(Retention.DEFAULTS);
        assertThat(r.keptUntil("NO", LocalDate.of(2024, 4, 29))).isEqualTo(LocalDate.of(2029, 12, 31));
        assertThat(r.keptUntil("SE", LocalDate.of(2024, 4, 29))).isEqualTo(LocalDate.of(2031, 12, 31));
        assertThat(r.refusal("SE", LocalDate.of(2024, 1, 1), LocalDate.of(2031, 12, 31)))
                .contains("bokföringslagen 7 kap. 2 §");
        assertThat(r.refusal("SE", LocalDate.of(2024, 1, 1), LocalDate.of(2032, 1, 1))).isNull();
        assertThat(new Retention(Map.of("NO", 10, "SE", 7)).keptUntil("NO", LocalDate.of(2024, 4, 29)).getYear())
                .isEqualTo(2034);
    }

    @Test
    void jsonIsEscaped() {
        assertThat(Json.write(Map.of("k", "a\"b\\c\nd\u0001"))).isEqualTo("{\n  \"k\": \"a\\\"b\\\\c\\nd\\u0001\"\n}\n");
    }

    private static String postings(NightlyScenario story, String customerNo) {
        return String.join("\n", story.jdbc.sql("""
                SELECT CONCAT(p.idem_key, '|', p.type, '|', p.amount, '|', p.posting_date, '|', COALESCE(p.document_no, ''))
                  FROM posting p JOIN customer c ON c.id = p.customer_id WHERE c.customer_no = ? ORDER BY p.idem_key""")
                .param(customerNo).query(String.class).list());
    }
}
