package org.reskontro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.operations.Problem;
import org.reskontro.operations.Problem.Check;
import org.reskontro.operations.VerifyReport;
import org.reskontro.operations.jdbc.LedgerInvariants;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code reskontro verify}: clean after the sample story (ledger import + nightly job), and each kind of damage
 * done to the database on purpose is named. Each fault is applied and checked inside a transaction that is rolled
 * back, so one run of the sample story serves every fault.
 */
@IntegrationTest
class VerifyTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LedgerInvariants invariants;
    @Autowired
    PlatformTransactionManager txManager;

    CliRunner cli;

    @BeforeEach
    void setUp() {
        db.reset();
        cli = new CliRunner(context);
    }

    @Test
    void cleanAfterTheSampleStoryAndEveryDeliberateFaultIsNamed() {
        NightlyScenario story = new NightlyScenario(context);
        story.prepare(); // the sample ledger and bank files, as 'reskontro demo' does
        CliRunner.Result night = story.nightly();
        assertThat(night.exitCode()).as(night.err()).isZero();
        assertThat(db.count("posting")).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM bank_transaction WHERE match_status = 'MATCHED'").query(Long.class)
                .single()).isPositive();

        CliRunner.Result clean = cli.run("verify");
        assertThat(clean.exitCode()).as(clean.out()).isZero();
        assertThat(clean.out()).contains("verify: no problem found").doesNotContain("PROBLEM ");

        Map<String, Fault> faults = new LinkedHashMap<>();
        faults.put("open item changed without a posting", new Fault(
                j -> j.sql("UPDATE invoice SET principal_open = principal_open - 100 WHERE id = (SELECT MIN(id) FROM "
                        + "invoice WHERE type = 'INVOICE' AND principal_open > 100)").update(),
                Check.INVOICE_PROJECTION, "principal_open", Check.CUSTOMER_BALANCE));
        faults.put("allocation written twice", new Fault(
                j -> j.sql("""
                        INSERT INTO allocation (posting_id, invoice_id, component, amount, allocation_date, source, idem_key)
                        SELECT posting_id, invoice_id, component, amount, allocation_date, source, CONCAT(idem_key, '/dup')
                          FROM allocation WHERE id = (SELECT MIN(a.id) FROM allocation a JOIN posting p ON p.id = a.posting_id
                                                       WHERE p.type = 'PAYMENT' AND p.source LIKE '%match%')""").update(),
                Check.POSTING_OVER_ALLOCATED, "allocates", Check.INVOICE_PROJECTION));
        faults.put("matched transaction lost its posting", new Fault(
                j -> j.sql("UPDATE bank_transaction SET posting_id = NULL WHERE id = (SELECT MIN(id) FROM "
                        + "(SELECT id FROM bank_transaction WHERE match_status = 'MATCHED') x)").update(),
                Check.BANK_TRANSACTION_STATE, "no posting is booked", null));
        faults.put("ignored without a reason", new Fault(
                j -> j.sql("UPDATE bank_transaction SET match_status = 'IGNORED', posting_id = NULL, ignored_reason = NULL "
                        + "WHERE id = (SELECT MIN(id) FROM (SELECT id FROM bank_transaction WHERE match_status = 'OPEN') x)")
                        .update(),
                Check.BANK_TRANSACTION_STATE, "IGNORED without a reason", null));
        faults.put("unknown transaction state", new Fault(
                j -> j.sql("UPDATE bank_transaction SET match_status = 'LIMBO' WHERE id = (SELECT MIN(id) FROM "
                        + "(SELECT id FROM bank_transaction) x)").update(),
                Check.BANK_TRANSACTION_STATE, "unknown match status 'LIMBO'", null));
        faults.put("one posting booked for two transactions", new Fault(
                j -> j.sql("""
                        UPDATE bank_transaction SET match_status = 'MATCHED',
                               posting_id = (SELECT MIN(posting_id) FROM (SELECT posting_id FROM bank_transaction
                                                                          WHERE match_status = 'MATCHED') y)
                         WHERE id = (SELECT MIN(id) FROM (SELECT id FROM bank_transaction WHERE match_status = 'OPEN') x)""")
                        .update(),
                Check.BANK_TRANSACTION_STATE, "paid twice", null));
        faults.put("status disagrees with the open amount", new Fault(
                j -> j.sql("UPDATE invoice SET status = 'PAID' WHERE id = (SELECT MIN(id) FROM (SELECT id FROM invoice "
                        + "WHERE status = 'OPEN' AND type = 'INVOICE') x)").update(),
                Check.INVOICE_STATUS, "is open but the status is PAID", null));
        faults.put("a posting without its open item", new Fault(
                j -> j.sql("""
                        INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, source, idem_key)
                        SELECT id, NULL, DATE '2024-04-30', 'INVOICE', 1234.50, currency, 'sabotage', 'sabotage-1'
                          FROM customer WHERE customer_no = '10001'""").update(),
                Check.CUSTOMER_BALANCE, "customer 10001", null));
        faults.put("fee charged without the open item", new Fault(
                j -> j.sql("""
                        INSERT INTO posting (customer_id, invoice_id, posting_date, type, amount, currency, source, idem_key)
                        SELECT customer_id, id, DATE '2024-04-30', 'FEE', 70.00, currency, 'sabotage', 'sabotage-2'
                          FROM invoice WHERE id = (SELECT MIN(id) FROM (SELECT id FROM invoice WHERE status = 'OPEN'
                                                                         AND type = 'INVOICE') x)""").update(),
                Check.INVOICE_PROJECTION, "fee_open", Check.CUSTOMER_BALANCE));

        TransactionTemplate tx = new TransactionTemplate(txManager);
        for (Map.Entry<String, Fault> e : faults.entrySet()) {
            Fault f = e.getValue();
            tx.executeWithoutResult(status -> {
                f.damage().accept(jdbc);
                VerifyReport report = invariants.verify();
                assertThat(report.clean()).as(e.getKey()).isFalse();
                List<Problem> named = report.of(f.check());
                assertThat(named).as(e.getKey() + ": " + report.problems()).isNotEmpty();
                assertThat(named.toString()).as(e.getKey()).contains(f.words());
                if (f.alsoCheck() != null) {
                    assertThat(report.of(f.alsoCheck())).as(e.getKey() + ": " + report.problems()).isNotEmpty();
                }
                CliRunner.Result r = cli.run("verify");
                assertThat(r.exitCode()).as(e.getKey()).isEqualTo(1);
                assertThat(r.out()).as(e.getKey()).contains("PROBLEM " + f.check()).contains(f.words())
                        .contains("problem(s) found");
                status.setRollbackOnly();
            });
        }
        assertThat(invariants.verify().problems()).as("every fault was rolled back").isEmpty();
    }

    record Fault(Consumer<JdbcClient> damage, Check check, String words, Check alsoCheck) {
    }
}
