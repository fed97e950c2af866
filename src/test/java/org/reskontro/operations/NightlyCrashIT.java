package org.reskontro.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.support.LedgerFingerprint;

/**
 * Crash safety, proven: runs the packaged jar's nightly job on MariaDB against a real SMTP server (GreenMail),
 * kills it with SIGKILL at a random point, runs it again, and compares the ledger, the letters sent and the
 * files moved with an uninterrupted run. Twenty seeds: the odd ones kill at a random point of the job, the even ones at
 * a random point inside a step picked at random (so that short steps are hit too); the figures are printed at the end.
 * <p>
 * Runs in the integration-test phase (after the jar is built) through Failsafe; skipped with -Dskip.mariadb.
 */
class NightlyCrashIT {

    static final int RUNS = Integer.getInteger("crash.runs", 20);
    static final String DATE = "2024-04-30";
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path JAR = PROJECT.resolve("target/reskontro.jar");
    /** The MariaDB server of the test database (RESKONTRO_TEST_MARIADB_URL), with databases named after it. */
    static final String TEST_URL = System.getenv().getOrDefault("RESKONTRO_TEST_MARIADB_URL",
            "jdbc:mariadb://127.0.0.1:3306/test");
    static final String ROOT_URL = TEST_URL.substring(0, TEST_URL.lastIndexOf('/') + 1);
    static final String DB = TEST_URL.substring(TEST_URL.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_].*$", "")
            + "_crash";
    static final String TEMPLATE_DB = DB + "_template";

    static GreenMail smtp;

    @TempDir
    static Path work;

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    @Timeout(value = 25, unit = TimeUnit.MINUTES)
    void aKilledNightlyRunFinishesAsIfItHadNeverStopped() throws Exception {
        assertThat(JAR).exists();
        // the ledger before the night: imported once into a template database, copied for every run
        recreate(TEMPLATE_DB);
        Path setupDir = freshDir("setup");
        run(setupDir, TEMPLATE_DB, Duration.ofMinutes(3), "import-ledger",
                "--customers", PROJECT.resolve("sample-data/customers.csv").toString(),
                "--invoices", PROJECT.resolve("sample-data/invoices.csv").toString(),
                "--payments", PROJECT.resolve("sample-data/payments.csv").toString());

        // the uninterrupted reference run, after one that warms up GreenMail and the server (the first run's steps take
        // longer, and the even seeds aim at them by their durations)
        Path refDir = null;
        List<StepWindow> steps = List.of();
        for (String name : List.of("warm-up", "reference")) {
            refDir = prepare(name);
            Process ref = start(refDir, DB, "nightly", "--date", DATE);
            assertThat(awaitExit(ref, Duration.ofMinutes(5), refDir)).as("the " + name + " run succeeds").isZero();
            steps = stepWindows();
            System.out.println("== crash test: the " + name + " run's steps (ms each): " + steps);
        }
        long jobMillis = Math.max(200, nightlyMillis());
        Snapshot expected = snapshot(refDir);
        assertThat(expected.mails).as("the reference run sends letters").isNotEmpty();

        int killed = 0;
        int differences = 0;
        int inSmtpWindow = 0;
        List<String> report = new ArrayList<>();
        for (int seed = 1; seed <= RUNS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Path dir = prepare("run-" + seed);
            Process p = start(dir, DB, "nightly", "--date", DATE);
            awaitJobStart(p);
            // odd seeds: a random point of the job itself (not of the JVM's start-up), up to 10 % past its usual end;
            // even seeds: a random point inside one step picked at random, so that short steps (the send step takes
            // a few tens of ms of a 3 s job) are hit too, not only in proportion to their time
            StepWindow aim = seed % 2 == 0 && !steps.isEmpty() ? steps.get(random.nextInt(steps.size())) : null;
            long delay;
            if (aim == null) {
                delay = (long) (random.nextDouble() * jobMillis * 1.1);
            } else {
                // from the moment the step has started in this run, a random point of its reference duration
                awaitStepStart(p, aim.name());
                delay = (long) (random.nextDouble() * Math.max(1, aim.millis()));
            }
            boolean exitedFirst = p.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!exitedFirst) {
                p.destroyForcibly(); // SIGKILL on Linux
                p.waitFor(30, TimeUnit.SECONDS);
                killed++;
            }
            String stage = stageOf(dir);
            // rerun until it reports success (a run killed mid-way is recovered and restarted)
            int reruns = 0;
            while (reruns < 3) {
                reruns++;
                int code = run(dir, DB, Duration.ofMinutes(5), "nightly", "--date", DATE);
                if (code == 0) {
                    break;
                }
            }
            int toConfirm = resolveLettersLeftSending(dir);
            Snapshot actual = snapshot(dir);
            List<String> diff = expected.diff(actual);
            differences += diff.size();
            inSmtpWindow += toConfirm;
            report.add(String.format("seed %2d: kill after %5d ms%s (%s), %s, reruns %d, letters left SENDING %d, "
                            + "differences %d%s", seed, delay, aim == null ? " of the job" : " into " + aim.name(),
                    exitedFirst ? "had finished" : "killed", stage, reruns,
                    toConfirm, diff.size(),
                    diff.isEmpty() ? "" : " " + diff.subList(0, Math.min(5, diff.size()))));
        }
        System.out.println("== crash test: " + RUNS + " runs, " + killed + " killed, reference job "
                + jobMillis + " ms, letters " + expected.mails.values().stream().mapToInt(Integer::intValue).sum()
                + ", letters left SENDING by a kill and resolved as docs/letters.md says " + inSmtpWindow
                + ", differences " + differences);
        report.forEach(System.out::println);
        assertThat(differences).as(String.join("\n", report)).isZero();
        assertThat(killed).as("most runs were really killed mid-way").isGreaterThanOrEqualTo(RUNS / 2);
    }

    /** A fresh database copied from the template, a fresh folder with the sample bank files in its inbox. */
    private Path prepare(String name) throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        recreate(DB);
        Process dump = new ProcessBuilder("sh", "-c",
                "mariadb-dump -uroot " + TEMPLATE_DB + " | mariadb -uroot " + DB).inheritIO().start();
        assertThat(dump.waitFor()).isZero();
        Path dir = freshDir(name);
        Path inbox = Files.createDirectories(dir.resolve("var/inbox"));
        try (Stream<Path> files = Files.list(PROJECT.resolve("sample-data/bank"))) {
            for (Path f : files.toList()) {
                Files.copy(f, inbox.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    /**
     * A process killed after claiming a letter and before recording it SENT leaves the letter SENDING: it may or may
     * not have reached the mail server, so reskontro never resends it by itself. The operator's procedure
     * (docs/letters.md): look for its Message-ID in the mail server's log; seen, {@code letters confirm}; not seen,
     * {@code letters requeue} and {@code letters send}. Here the test plays the operator, with GreenMail as the log.
     */
    private int resolveLettersLeftSending(Path dir) throws Exception {
        Map<Long, String> sending = new HashMap<>();
        try (Connection c = DriverManager.getConnection(ROOT_URL + DB, "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, message_id FROM letter WHERE status = 'SENDING'")) {
            while (rs.next()) {
                sending.put(rs.getLong(1), rs.getString(2));
            }
        }
        java.util.Set<String> received = new java.util.HashSet<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            received.add(bare(m.getMessageID()));
        }
        boolean requeued = false;
        for (var e : sending.entrySet()) {
            boolean seen = e.getValue() != null && received.contains(bare(e.getValue()));
            int code = run(dir, DB, Duration.ofMinutes(2), "letters", seen ? "confirm" : "requeue", "--id",
                    Long.toString(e.getKey()));
            assertThat(code).as("letters " + (seen ? "confirm" : "requeue") + " --id " + e.getKey()).isZero();
            requeued |= !seen;
        }
        if (requeued) {
            assertThat(run(dir, DB, Duration.ofMinutes(2), "letters", "send")).isZero();
        }
        return sending.size();
    }

    private static String bare(String messageId) {
        return messageId == null ? "" : messageId.replace("<", "").replace(">", "").trim();
    }

    /** How long the reference run's nightly job took, from the job repository. */
    private static long nightlyMillis() throws SQLException {
        try (Connection c = DriverManager.getConnection(ROOT_URL + DB, "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT e.START_TIME, e.END_TIME FROM BATCH_JOB_EXECUTION e
                       JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                      WHERE i.JOB_NAME = 'nightlyJob' ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1""")) {
            assertThat(rs.next()).as("the reference run left its execution").isTrue();
            return Duration.between(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()).toMillis();
        }
    }

    /** A top-level step of the reference run's nightly job and how long it ran. */
    record StepWindow(String name, long millis) {
    }

    /** The top-level steps of the reference run (partition steps, named {@code step:partitionN}, left out). */
    private static List<StepWindow> stepWindows() throws SQLException {
        List<StepWindow> steps = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(ROOT_URL + DB, "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT st.STEP_NAME, st.START_TIME, st.END_TIME FROM BATCH_STEP_EXECUTION st
                       JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = st.JOB_EXECUTION_ID
                       JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                      WHERE i.JOB_NAME = 'nightlyJob' AND st.STEP_NAME NOT LIKE '%:%' AND st.END_TIME IS NOT NULL
                      ORDER BY st.STEP_EXECUTION_ID""")) {
            while (rs.next()) {
                steps.add(new StepWindow(rs.getString(1),
                        Duration.between(rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()).toMillis()));
            }
        }
        return steps;
    }

    /** Waits until the process has started the nightly job (its execution is in the job repository). */
    private static void awaitJobStart(Process p) throws Exception {
        awaitRows(p, """
                SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e
                  JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                 WHERE i.JOB_NAME = 'nightlyJob'""", null, Duration.ofSeconds(120), 20);
    }

    /** Waits until the process has started the step (the database is fresh for each run: any row is this run's). */
    private static void awaitStepStart(Process p, String step) throws Exception {
        awaitRows(p, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = ?", step, Duration.ofSeconds(60), 2);
    }

    /** Polls {@code countSql} (with its one parameter, if any) until it counts a row, the process ends, or time is up. */
    private static void awaitRows(Process p, String countSql, String param, Duration limit, long pollMillis)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Connection c = DriverManager.getConnection(ROOT_URL + DB, "root", "");
             java.sql.PreparedStatement s = c.prepareStatement(countSql)) {
            if (param != null) {
                s.setString(1, param);
            }
            while (System.nanoTime() < deadline && p.isAlive()) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(pollMillis);
            }
        }
    }

    private static Path freshDir(String name) throws IOException {
        Path dir = work.resolve(name);
        Files.createDirectories(dir.resolve("config"));
        Files.copy(PROJECT.resolve("config/application.yml"), dir.resolve("config/application.yml"),
                StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    private Process start(Path dir, String database, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.log").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("err.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("SPRING_PROFILES_ACTIVE", "mariadb");
        env.put("RESKONTRO_DB_URL", ROOT_URL + database);
        env.put("RESKONTRO_DB_USER", "root");
        env.put("RESKONTRO_DB_PASSWORD", "");
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort()));
        return pb.start();
    }

    private int run(Path dir, String database, Duration limit, String... args) throws Exception {
        Process p = start(dir, database, args);
        return awaitExit(p, limit, dir);
    }

    private static int awaitExit(Process p, Duration limit, Path dir) throws Exception {
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no exit within " + limit + "; see " + dir);
        }
        return p.exitValue();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void recreate(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(ROOT_URL, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        }
    }

    /** Which steps the killed run had completed, for the report. */
    private static String stageOf(Path dir) throws SQLException {
        try (Connection c = DriverManager.getConnection(ROOT_URL + DB, "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT STEP_NAME, STATUS FROM BATCH_STEP_EXECUTION ORDER BY STEP_EXECUTION_ID")) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) {
                sb.append(sb.isEmpty() ? "" : " ").append(rs.getString(1)).append('=').append(rs.getString(2));
            }
            return sb.isEmpty() ? "no step started" : sb.toString();
        } catch (SQLException e) {
            return "no schema yet";
        }
    }

    /**
     * What must be the same after any run: the ledger, the matching, the letters, the mail and the files. Rows are
     * compared by content, not by generated ids (a rolled-back insert leaves a gap in an auto-increment column).
     */
    private Snapshot snapshot(Path dir) throws Exception {
        Map<String, Integer> rows;
        try (Connection c = DriverManager.getConnection(ROOT_URL + DB, "root", "")) {
            rows = LedgerFingerprint.of(c);
        }
        Map<String, Integer> mails = new TreeMap<>();
        Map<String, Integer> messageIds = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            String to = m.getHeader("To") == null ? "" : String.join(",", m.getHeader("To"));
            mails.merge(to + " | " + m.getSubject(), 1, Integer::sum);
            messageIds.merge(m.getMessageID(), 1, Integer::sum);
        }
        Map<String, Integer> files = new TreeMap<>();
        for (String folder : List.of("inbox", "archive", "rejected", "outbox", "print")) {
            Path f = dir.resolve("var").resolve(folder);
            if (Files.isDirectory(f)) {
                try (Stream<Path> s = Files.walk(f)) {
                    s.filter(Files::isRegularFile).forEach(p -> files.merge(folder + File.separator
                            + f.relativize(p).toString().replaceAll("_\\d+(\\.[a-z]+)$", "$1"), 1, Integer::sum));
                }
            }
        }
        // the general-ledger batch, line by line, without its voucher numbers (posting ids, which gaps can shift)
        Path export = dir.resolve("var").resolve("export");
        if (Files.isDirectory(export)) {
            try (Stream<Path> s = Files.list(export)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith("journal-")).toList()) {
                    for (String line : Files.readAllLines(p)) {
                        files.merge(p.getFileName() + ": " + line.replaceFirst(",P\\d+,", ",P,"), 1, Integer::sum);
                    }
                }
            }
        }
        int duplicates = (int) messageIds.values().stream().filter(n -> n > 1).count();
        return new Snapshot(rows, mails, files, duplicates);
    }

    record Snapshot(Map<String, Integer> rows, Map<String, Integer> mails, Map<String, Integer> files,
                    int duplicateMessageIds) {
        List<String> diff(Snapshot other) {
            List<String> d = new ArrayList<>();
            LedgerFingerprint.compare("", rows, other.rows, d);
            LedgerFingerprint.compare("mail ", mails, other.mails, d);
            LedgerFingerprint.compare("file ", files, other.files, d);
            if (other.duplicateMessageIds > 0) {
                d.add(other.duplicateMessageIds + " letter(s) received twice with the same Message-ID");
            }
            return d;
        }
    }
}
