package org.reskontro.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reskontro.matching.SyntheticLedger;
import org.reskontro.matching.jdbc.SyntheticLedgerWriter;
import org.reskontro.support.LedgerFingerprint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Remote partitioning with real processes (docs/scaling.md): the packaged jar as one manager and two workers on this
 * machine, against MariaDB and RabbitMQ (127.0.0.1:5672, guest/guest). Matching and dunning over a generated ledger
 * end exactly as the single-process run; a worker killed in the middle of a partition fails that partition, and a
 * restart runs only the partitions that did not finish and ends with the same ledger.
 */
class ScaleOutIT {

    static final String MATCH_DATE = "2024-04-30";
    static final String DUNNING_DATE = "2024-06-30";
    static final int PAYMENTS = Integer.getInteger("scale.payments", 3000);
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path JAR = PROJECT.resolve("target/reskontro.jar");
    static final String TEST_URL = System.getenv().getOrDefault("RESKONTRO_TEST_MARIADB_URL",
            "jdbc:mariadb://127.0.0.1:3306/test");
    static final String ROOT_URL = TEST_URL.substring(0, TEST_URL.lastIndexOf('/') + 1);
    static final String DB = TEST_URL.substring(TEST_URL.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_].*$", "")
            + "_scaleout";
    static final String TEMPLATE_DB = DB + "_template";
    /** The test's own queue, named after its database, so parallel builds on one broker never share partitions. */
    static final String QUEUE = DB + ".partitions";

    /** The processes' folders and logs, kept for a look after a failure. */
    static final Path work = PROJECT.resolve("target/scale-out-it");
    static Map<String, Integer> reference;

    final List<Process> workers = new ArrayList<>();

    @BeforeAll
    static void referenceRun() throws Exception {
        assertThat(JAR).exists();
        org.springframework.util.FileSystemUtils.deleteRecursively(work);
        deleteQueue();
        recreate(TEMPLATE_DB);
        Path setup = freshDir("setup");
        // the schema (Flyway at start-up), then the generated ledger with its bank transactions
        assertThat(run(setup, TEMPLATE_DB, Map.of(), Duration.ofMinutes(2), "jobs")).isZero();
        try (Connection c = DriverManager.getConnection(ROOT_URL + TEMPLATE_DB, "root", "")) {
            new SyntheticLedgerWriter(new JdbcTemplate(new SingleConnectionDataSource(c, true)))
                    .write(SyntheticLedger.generate(PAYMENTS, 5));
        }
        Path dir = prepare("single");
        assertThat(run(dir, DB, Map.of(), Duration.ofMinutes(3), "match", "--date", MATCH_DATE)).isZero();
        assertThat(run(dir, DB, Map.of(), Duration.ofMinutes(3), "dunning", "--date", DUNNING_DATE)).isZero();
        reference = fingerprint();
        assertThat(reference.keySet()).anyMatch(k -> k.startsWith("bank_tx: ") && k.contains(" MATCHED "))
                .anyMatch(k -> k.startsWith("letter: "));
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process p : workers) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        workers.clear();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        deleteQueue();
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void oneManagerAndTwoWorkersEndWithTheLedgerOfTheSingleProcessRun() throws Exception {
        Path dir = prepare("remote");
        Process w1 = startWorker(dir, "w1", Map.of());
        Process w2 = startWorker(dir, "w2", Map.of());
        awaitWorker(w1, dir, "w1");
        awaitWorker(w2, dir, "w2");

        assertThat(run(dir, DB, manager(), Duration.ofMinutes(3), "match", "--date", MATCH_DATE)).isZero();
        assertThat(run(dir, DB, manager(), Duration.ofMinutes(3), "dunning", "--date", DUNNING_DATE)).isZero();

        assertThat(LedgerFingerprint.diff(reference, fingerprint())).as("remote vs single process").isEmpty();
        assertThat(count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'matchPartitionStep:%' "
                + "AND STATUS = 'COMPLETED'")).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'dunningPartitionStep:%' "
                + "AND STATUS = 'COMPLETED'")).isEqualTo(4);
        int ranByW1 = partitionsRun(dir, "w1");
        int ranByW2 = partitionsRun(dir, "w2");
        assertThat(ranByW1 + ranByW2).as("the workers ran all 8 partitions").isEqualTo(8);
        assertThat(ranByW1).as("worker 1 took part").isPositive();
        assertThat(ranByW2).as("worker 2 took part").isPositive();
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aWorkerKilledInAPartitionFailsItAndTheRestartRunsOnlyWhatDidNotFinish() throws Exception {
        Path dir = prepare("kill");
        // the worker to be killed commits one transaction at a time, so a partition takes it a while
        Process victim = startWorker(dir, "victim", Map.of("RESKONTRO_MATCHING_CHUNK_SIZE", "1"));
        awaitWorker(victim, dir, "victim");
        Process manager = start(dir, DB, manager(), "match", "--date", MATCH_DATE);
        // the victim is the only worker: a partition that has committed a few chunks is its partition, half done
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'matchPartitionStep:%' "
                + "AND STATUS = 'STARTED' AND COMMIT_COUNT >= 3") == 0) {
            assertThat(System.nanoTime()).as("a partition started on the victim").isLessThan(deadline);
            assertThat(victim.isAlive()).isTrue();
            Thread.sleep(20);
        }
        victim.destroyForcibly(); // SIGKILL: no shutdown, no acknowledgement of its partition request
        victim.waitFor(30, TimeUnit.SECONDS);
        Process survivor = startWorker(dir, "survivor", Map.of());
        awaitWorker(survivor, dir, "survivor");

        assertThat(awaitExit(manager, Duration.ofMinutes(3), dir)).as("the manager fails the job").isEqualTo(1);
        String out = Files.readString(dir.resolve("out.log")) + Files.readString(dir.resolve("err.log"));
        Matcher restart = Pattern.compile("reskontro restart (\\d+)").matcher(out);
        assertThat(restart.find()).as(out).isTrue();
        long failedExecution = Long.parseLong(restart.group(1));
        long finished = count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = " + failedExecution
                + " AND STEP_NAME LIKE 'matchPartitionStep:%' AND STATUS = 'COMPLETED'");
        assertThat(finished).as("partitions finished before the restart").isBetween(0L, 3L);
        assertThat(count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = " + failedExecution
                + " AND STEP_NAME LIKE 'matchPartitionStep:%' AND STATUS = 'FAILED' AND COMMIT_COUNT >= 3"))
                .as("the victim's half-done partition, failed by the worker that got its request again").isEqualTo(1);

        assertThat(run(dir, DB, manager(), Duration.ofMinutes(3), "restart", Long.toString(failedExecution))).isZero();
        long rerun = count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e "
                + "ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_EXECUTION_ID > " + failedExecution
                + " AND s.STEP_NAME LIKE 'matchPartitionStep:%'");
        assertThat(rerun).as("the restart runs only the partitions that did not finish").isEqualTo(4 - finished);
        assertThat(run(dir, DB, manager(), Duration.ofMinutes(3), "dunning", "--date", DUNNING_DATE)).isZero();

        assertThat(LedgerFingerprint.diff(reference, fingerprint())).as("after the kill and restart").isEmpty();
    }

    private static Map<String, String> manager() {
        return Map.of("RESKONTRO_PARTITIONING_ROLE", "manager", "RESKONTRO_PARTITIONING_GRID_SIZE", "4",
                "RESKONTRO_PARTITIONING_TIMEOUT", "150s", "RESKONTRO_PARTITIONING_POLL_INTERVAL", "200ms");
    }

    private Process startWorker(Path dir, String name, Map<String, String> env) throws IOException {
        Path own = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(own.resolve("config"));
        Files.copy(dir.resolve("config/application.yml"), own.resolve("config/application.yml"),
                StandardCopyOption.REPLACE_EXISTING);
        Process p = start(own, DB, env, "serve", "--role", "worker");
        workers.add(p);
        return p;
    }

    private static void awaitWorker(Process p, Path dir, String name) throws Exception {
        awaitLog(dir, name, "reskontro worker:", p);
        // the listener starts with the application; give it a moment to register on the queue
        Thread.sleep(500);
    }

    private static void awaitLog(Path dir, String name, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path out = dir.resolve(name).resolve("out.log");
        Path err = dir.resolve(name).resolve("err.log");
        while (System.nanoTime() < deadline) {
            if ((Files.exists(out) && Files.readString(out).contains(text))
                    || (Files.exists(err) && Files.readString(err).contains(text))) {
                return;
            }
            assertThat(p.isAlive()).as(name + " died; see " + err).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError(name + " never logged '" + text + "'; see " + err);
    }

    private static int partitionsRun(Path dir, String name) throws IOException {
        String log = Files.readString(dir.resolve(name).resolve("err.log"));
        return (int) Pattern.compile("running partition").matcher(log).results().count();
    }

    private static Path prepare(String name) throws Exception {
        recreate(DB);
        Process dump = new ProcessBuilder("sh", "-c",
                "mariadb-dump -uroot " + TEMPLATE_DB + " | mariadb -uroot " + DB).inheritIO().start();
        assertThat(dump.waitFor()).isZero();
        return freshDir(name);
    }

    private static Map<String, Integer> fingerprint() throws SQLException {
        try (Connection c = DriverManager.getConnection(ROOT_URL + DB, "root", "")) {
            return LedgerFingerprint.of(c);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ROOT_URL + DB, "root", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Path freshDir(String name) throws IOException {
        Path dir = work.resolve(name);
        Files.createDirectories(dir.resolve("config"));
        Files.copy(PROJECT.resolve("config/application.yml"), dir.resolve("config/application.yml"),
                StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    private static Process start(Path dir, String database, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.log").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("err.log").toFile()));
        Map<String, String> e = pb.environment();
        e.put("SPRING_PROFILES_ACTIVE", "mariadb");
        e.put("RESKONTRO_DB_URL", ROOT_URL + database);
        e.put("RESKONTRO_DB_USER", "root");
        e.put("RESKONTRO_DB_PASSWORD", "");
        e.put("RESKONTRO_PARTITIONING_QUEUE", QUEUE);
        e.putAll(env);
        return pb.start();
    }

    private static int run(Path dir, String database, Map<String, String> env, Duration limit, String... args)
            throws Exception {
        return awaitExit(start(dir, database, env, args), limit, dir);
    }

    private static int awaitExit(Process p, Duration limit, Path dir) throws Exception {
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no exit within " + limit + "; see " + dir);
        }
        return p.exitValue();
    }

    private static void recreate(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(ROOT_URL, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        }
    }

    /** Removes the test's queue (and any request a failed earlier run left in it). */
    private static void deleteQueue() throws Exception {
        com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
        f.setHost(System.getenv().getOrDefault("SPRING_RABBITMQ_HOST", "127.0.0.1"));
        try (com.rabbitmq.client.Connection c = f.newConnection(); com.rabbitmq.client.Channel ch = c.createChannel()) {
            ch.queueDelete(QUEUE);
        }
    }
}
