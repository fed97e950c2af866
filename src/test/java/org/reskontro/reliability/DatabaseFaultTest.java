package org.reskontro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Faults of the database around the nightly job, on the real MariaDB: every connection of the job killed
 * ({@code KILL CONNECTION} from a second root connection found in information_schema.processlist) while a step
 * runs, and two runs started at once. Each must fail cleanly (or do nothing and say why) and the next run must
 * leave exactly the ledger, letters and files of an uninterrupted run, verified clean.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "reskontro.test.db", matches = "mariadb")
class DatabaseFaultTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    javax.sql.DataSource dataSource;

    NightlyScenario story;
    static String reference;
    static final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);

    @BeforeEach
    void setUp() {
        story = new NightlyScenario(context);
        if (reference == null) {
            story.prepare();
            CliRunner.Result r = story.nightly();
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            story.assertVerifies();
            reference = story.snapshot();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void connectionsKilledInTheMiddleOfAStepFailTheRunAndTheNextRunRecovers() throws Exception {
        List<String> figures = new ArrayList<>();
        for (String step : new String[] {"matchStep", "dunningStep", "sendLettersStep"}) {
            story.prepare();
            CompletableFuture<CliRunner.Result> run = CompletableFuture.supplyAsync(story::nightly, threads);
            int killed = 0;
            try (Connection root = rootConnection()) {
                while (!run.isDone() && !stepStarted(root, step)) {
                    Thread.sleep(20);
                }
                for (int round = 0; round < 3 && !run.isDone(); round++) {
                    killed += killOthers(root);
                    Thread.sleep(150);
                }
            }
            CliRunner.Result first = run.get(5, TimeUnit.MINUTES);
            Thread.sleep(600); // let the pool notice the dead connections before the test reads again
            if (first.exitCode() != 0) {
                assertThat(first.err()).as(step).startsWith("reskontro: ").doesNotContain("\tat ");
            }
            int runs = story.recover(3);
            story.assertVerifies();
            assertThat(story.snapshot()).as("after a kill in " + step).isEqualTo(reference);
            figures.add(step + ": " + killed + " connection(s) killed, first run exit " + first.exitCode()
                    + ", recovered in " + runs + " run(s), differences 0");
        }
        Figures.write("faults-database-kill", figures);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void twoRunsStartedAtOnceDoTheWorkOnce() throws Exception {
        story.prepare();
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<CliRunner.Result> a = CompletableFuture.supplyAsync(() -> await(go), threads);
        CompletableFuture<CliRunner.Result> b = CompletableFuture.supplyAsync(() -> await(go), threads);
        go.countDown();
        CliRunner.Result ra = a.get(5, TimeUnit.MINUTES);
        CliRunner.Result rb = b.get(5, TimeUnit.MINUTES);
        List<CliRunner.Result> both = List.of(ra, rb);
        assertThat(both).as(ra.err() + rb.err()).anyMatch(r -> r.exitCode() == 0);
        for (CliRunner.Result r : both) {
            if (r.exitCode() != 0) {
                assertThat(r.err()).contains("another nightly run is in progress");
            } else {
                assertThat(r.out()).containsAnyOf("nightlyJob completed", "completed before; nothing to do");
            }
        }
        assertThat(both).as("exactly one of them ran the job").filteredOn(r -> r.out().contains("nightlyJob completed"))
                .hasSize(1);
        int runs = story.recover(2);
        story.assertVerifies();
        assertThat(story.snapshot()).isEqualTo(reference);
        Figures.write("faults-two-runs", List.of("two runs at once: exits " + ra.exitCode() + " and " + rb.exitCode()
                + ", then " + runs + " run(s) to confirm, differences 0"));
    }

    private CliRunner.Result await(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return story.nightly();
    }

    private Connection rootConnection() throws SQLException {
        return DriverManager.getConnection(((HikariDataSource) dataSource).getJdbcUrl(), "root", "");
    }

    private static boolean stepStarted(Connection c, String step) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS = 'STARTED' "
                     + "AND STEP_NAME = '" + step + "'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** Kills every connection to this database except this one: the job's, the pool's, the run lock's. */
    private static int killOthers(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM information_schema.processlist "
                     + "WHERE db = DATABASE() AND id <> CONNECTION_ID()")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        int n = 0;
        for (long id : ids) {
            try (Statement s = c.createStatement()) {
                s.execute("KILL CONNECTION " + id);
                n++;
            } catch (SQLException gone) {
                // it ended by itself
            }
        }
        return n;
    }
}
