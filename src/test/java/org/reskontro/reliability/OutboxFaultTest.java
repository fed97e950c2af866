package org.reskontro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The outbox folder cannot be written (letters as .eml files, no SMTP server configured). Tests run as root, where
 * chmod does not stop writes, so the outbox's parent is made a regular file. The night must end cleanly with the
 * letters pending; once the folder can be written, 'letters send' writes each letter exactly once.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "reskontro.test.db", matches = "mariadb")
@TestPropertySource(properties = {"reskontro.folders.outbox=target/test-var-outbox-fault/blocker/outbox",
        "reskontro.letters.retry-backoff=0s"})
class OutboxFaultTest {

    static final Path BLOCKER = Path.of("target/test-var-outbox-fault/blocker");

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void anUnwritableOutboxLeavesTheLettersPendingAndNothingIsDoubledAfterwards() throws Exception {
        NightlyScenario story = new NightlyScenario(context);
        NightlyScenario.deleteTree(BLOCKER);
        story.prepare();
        Files.createDirectories(BLOCKER.getParent());
        Files.writeString(BLOCKER, "a regular file where the outbox's parent folder should be");

        CliRunner.Result night = story.nightly();
        assertThat(night.err()).doesNotContain("\tat ");
        long email = story.count("SELECT COUNT(*) FROM letter WHERE channel = 'EMAIL'");
        long unsent = story.count("SELECT COUNT(*) FROM letter WHERE channel = 'EMAIL' AND status <> 'SENT'");
        assertThat(email).isPositive();
        assertThat(unsent).as("no letter can be written").isEqualTo(email);
        assertThat(story.count("SELECT COUNT(*) FROM letter WHERE status = 'SENDING'")).isZero();
        story.assertVerifies();

        Files.delete(BLOCKER);
        story.recover(2);
        CliRunner.Result send = story.cli.run("letters", "send");
        assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
        assertThat(story.count("SELECT COUNT(*) FROM letter WHERE channel = 'EMAIL' AND status = 'SENT'")).isEqualTo(email);
        assertThat(NightlyScenario.count(story.folders.outbox())).as("one .eml per e-mail letter").isEqualTo(email);
        story.assertVerifies();
        Figures.write("faults-outbox", List.of("outbox not writable: first run exit " + night.exitCode() + ", " + unsent
                + " letters left pending, after the folder was fixed " + NightlyScenario.count(story.folders.outbox())
                + " written, lost 0, doubled 0"));
    }
}
