package org.reskontro.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reskontro.common.batch.PartitionHandlers;
import org.reskontro.matching.SyntheticLedger;
import org.reskontro.matching.jdbc.SyntheticLedgerWriter;
import org.reskontro.operations.batch.JobRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.LedgerFingerprint;
import org.reskontro.support.TestDatabase;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Matching and dunning partitioned by customer range on local threads (docs/scaling.md) end with the same ledger
 * as the run with one range, whatever order the partitions happen to run in.
 */
@IntegrationTest
class PartitionedRunTest {

    @Autowired
    TestDatabase db;
    @Autowired
    SyntheticLedgerWriter data;
    @Autowired
    PartitionHandlers partitions;
    @Autowired
    JobRunner runner;
    @Autowired
    @Qualifier("matchJob")
    Job matchJob;
    @Autowired
    @Qualifier("dunningJob")
    Job dunningJob;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void restoreGridSize() {
        partitions.resize(1);
    }

    @Test
    void matchingAndDunningOverFourCustomerRangesEndAsTheRunWithOne() throws Exception {
        // grid 4 first: the reset deletes the ledger, and InnoDB keeps deleted rows until it purges them; inserting
        // the same posting keys (the generated transactions have fixed ids) in four transactions at once over such
        // rows takes gap locks that can deadlock. A real ledger never deletes postings; one writer never deadlocks.
        Map<String, Integer> four = runWithGrid(4);
        Map<String, Integer> one = runWithGrid(1);
        assertThat(one.keySet()).as("the reference run matched and dunned something")
                .anyMatch(k -> k.startsWith("bank_tx: ") && k.contains(" MATCHED "))
                .anyMatch(k -> k.startsWith("letter: "));
        List<String> diff = LedgerFingerprint.diff(one, four);
        assertThat(diff).as("differences between grid size 1 and 4").isEmpty();
    }

    private Map<String, Integer> runWithGrid(int grid) throws Exception {
        db.reset();
        data.write(SyntheticLedger.generate(3000, 11));
        partitions.resize(grid);
        JobExecution matched = run(matchJob, LocalDate.of(2024, 4, 30));
        assertThat(partitionsOf(matched, "matchPartitionStep")).as("matching partitions with grid " + grid)
                .isEqualTo(grid);
        long leftover = jdbc.sql("SELECT COUNT(*) FROM match_route WHERE customer_id IS NULL").query(Long.class).single();
        long routed = jdbc.sql("SELECT COUNT(*) FROM match_route WHERE customer_id IS NOT NULL").query(Long.class).single();
        assertThat(routed).as("most transactions are routed to one customer").isGreaterThan(leftover);
        JobExecution dunned = run(dunningJob, LocalDate.of(2024, 6, 30));
        assertThat(partitionsOf(dunned, "dunningPartitionStep")).as("dunning partitions with grid " + grid)
                .isEqualTo(grid);
        try (Connection c = dataSource.getConnection()) {
            return LedgerFingerprint.of(c);
        }
    }

    private JobExecution run(Job job, LocalDate date) {
        JobRunner.Outcome outcome = runner.run(job, new JobParametersBuilder().addLocalDate("date", date)
                .addLong("run", System.nanoTime()).toJobParameters());
        assertThat(outcome).as(outcome.toString()).isInstanceOf(JobRunner.Outcome.Completed.class);
        return ((JobRunner.Outcome.Completed) outcome).execution();
    }

    private static long partitionsOf(JobExecution execution, String workerStep) {
        return execution.getStepExecutions().stream().map(StepExecution::getStepName)
                .filter(n -> n.startsWith(workerStep + ":")).count();
    }
}
