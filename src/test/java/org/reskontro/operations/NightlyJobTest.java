package org.reskontro.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.operations.jdbc.RunLock;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

@IntegrationTest
class NightlyJobTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;
    @Autowired
    RunLock lock;

    CliRunner cli;

    @BeforeEach
    void setUp() {
        db.reset();
        cli = new CliRunner(context);
    }

    @Test
    void aCompletedDayDoesNotRunAgain() {
        CliRunner.Result first = cli.run("nightly", "--date", "2024-04-30");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("nightlyJob completed");
        java.nio.file.Path journal = context.getBean(org.reskontro.operations.config.ReskontroProperties.class).folders()
                .export().resolve("journal-2024-04-30.csv");
        assertThat(journal).as("the day's general-ledger batch").exists();
        assertThat(jobStepNames()).containsSubsequence("collectionExportStep", "journalExportStep", "sendLettersStep");

        CliRunner.Result second = cli.run("nightly", "--date", "2024-04-30");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("completed before; nothing to do");

        CliRunner.Result jobs = cli.run("jobs");
        assertThat(jobs.out()).contains("nightlyJob").contains("COMPLETED").contains("date=2024-04-30");
    }

    java.util.List<String> jobStepNames() {
        return context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION ORDER BY STEP_EXECUTION_ID").query(String.class).list();
    }

    @Test
    void aSecondRunWhileOneHoldsTheLockDoesNothingAndSaysWhy() {
        Optional<RunLock.Held> held = lock.tryAcquire("nightly");
        assertThat(held).isPresent();
        try (RunLock.Held h = held.get()) {
            CliRunner.Result r = cli.run("nightly", "--date", "2024-04-30");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("another nightly run is in progress");
            assertThat(lock.tryAcquire("nightly")).isEmpty();
        }
        assertThat(db.count("BATCH_JOB_EXECUTION")).isZero();
        try (RunLock.Held again = lock.tryAcquire("nightly").orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void helpAndUsageErrorsGiveTheDocumentedExitCodes() {
        assertThat(cli.run("--help").exitCode()).isZero();
        assertThat(cli.run("nightly", "--date", "not-a-date").exitCode()).isEqualTo(2);
        assertThat(cli.run("no-such-command").exitCode()).isEqualTo(2);
        CliRunner.Result unknown = cli.run("statement", "--customer", "nobody");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no customer with number nobody").doesNotContain("\tat ");
    }
}
