package org.reskontro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Secrets never reach output, logs or reports: the database (its own H2 database created with a known password)
 * and the SMTP server (a known password, a server that refuses connections, so the mail errors are logged) are
 * configured with passwords that are then searched for in everything the commands print, log (stderr, where
 * logback writes) and write to the folders, including failures shown with --verbose.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "reskontro.test.db", matches = "h2")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:reskontro-secrets;MODE=MariaDB;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=reskontro",
        "spring.datasource.password=" + SecretsTest.DB_PASSWORD,
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=1",
        "spring.mail.username=mailer",
        "spring.mail.password=" + SecretsTest.MAIL_PASSWORD,
        "reskontro.letters.retry-backoff=0s"})
class SecretsTest {

    static final String DB_PASSWORD = "Db-S3cret-4711-qx";
    static final String MAIL_PASSWORD = "Mail-S3cret-0815-zy";

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void passwordsAppearInNoOutputLogOrReport() throws IOException {
        assertThat(context.getEnvironment().getProperty("spring.mail.password")).isEqualTo(MAIL_PASSWORD);
        assertThat(context.getEnvironment().getProperty("spring.datasource.password")).isEqualTo(DB_PASSWORD);
        NightlyScenario story = new NightlyScenario(context);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        List<String> printed = new ArrayList<>();
        try {
            System.setOut(both);
            System.setErr(both);
            story.prepare();
            for (String[] args : new String[][] {
                    {"nightly", "--date", NightlyScenario.DATE}, {"letters", "send", "--verbose"}, {"verify"},
                    {"jobs"}, {"report", "reconciliation", "--date", NightlyScenario.DATE},
                    {"statement", "--customer", "10001"}, {"statement", "--customer", "nobody", "--verbose"},
                    {"privacy", "export", "--customer", "10001"}, {"nightly", "--date", "2024-05-01", "--verbose"}}) {
                CliRunner.Result r = story.cli.run(args);
                printed.add(String.join(" ", args) + " -> " + r.exitCode() + "\n" + r.out() + r.err());
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        String outputs = String.join("\n", printed);
        assertThat(logs).as("something was logged").isNotBlank();
        assertThat(outputs).contains("Letters:").contains("verify:");
        assertThat(story.count("SELECT COUNT(*) FROM letter WHERE channel = 'EMAIL' AND last_error IS NOT NULL"))
                .as("the mail server was tried and refused").isPositive();
        StringBuilder files = new StringBuilder();
        for (Path folder : List.of(story.folders.reports(), story.folders.outbox(), story.folders.print(),
                story.folders.export(), story.folders.archive(), story.folders.rejected())) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    for (Path f : walk.filter(Files::isRegularFile).toList()) {
                        files.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                    }
                }
            }
        }
        String db = String.join("\n", story.jdbc.sql("SELECT COALESCE(last_error, '') FROM letter").query(String.class).list())
                + String.join("\n", story.jdbc.sql("SELECT COALESCE(EXIT_MESSAGE, '') FROM BATCH_JOB_EXECUTION")
                .query(String.class).list());
        for (String secret : List.of(DB_PASSWORD, MAIL_PASSWORD)) {
            assertThat(outputs).as("command output").doesNotContain(secret);
            assertThat(logs).as("logs").doesNotContain(secret);
            assertThat(files.toString()).as("reports and files").doesNotContain(secret);
            assertThat(db).as("errors stored in the database").doesNotContain(secret);
        }
        Figures.write("secrets", List.of("secrets: " + printed.size() + " commands, " + logs.length()
                + " characters of log, " + files.length() + " bytes of reports/files searched; passwords found 0"));
    }
}
