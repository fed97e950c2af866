package org.reskontro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SMTP server (GreenMail) refusing connections during the nightly job, and disappearing in the middle of the
 * send step, on the real MariaDB. The run must end cleanly with the unsent letters pending; once the server is
 * back, the operator's documented steps (letters confirm/requeue for a letter caught mid-handover, then letters
 * send) deliver every e-mail letter exactly once, and the ledger is the same as after an uninterrupted night.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "reskontro.test.db", matches = "mariadb")
class MailFaultTest {

    static final int PORT = freePort();
    static final ExecutorService threads = Executors.newFixedThreadPool(1);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
        registry.add("reskontro.letters.retry-backoff", () -> "0s");
    }

    @Autowired
    ConfigurableApplicationContext context;

    NightlyScenario story;
    final List<GreenMail> servers = new ArrayList<>();
    /** The mail stores of the servers: GreenMail.stop() drops its store, these keep what was received. */
    final List<com.icegreen.greenmail.Managers> stores = new ArrayList<>();

    @BeforeEach
    void setUp() {
        story = new NightlyScenario(context);
    }

    @AfterEach
    void stopServers() {
        servers.forEach(GreenMail::stop);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void smtpRefusingThenGoneMidSendLosesAndDoublesNothing() throws Exception {
        // reference: an uninterrupted night
        story.prepare();
        GreenMail ref = start();
        CliRunner.Result r = story.nightly();
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        String reference = story.snapshot();
        long emailLetters = story.count("SELECT COUNT(*) FROM letter WHERE channel = 'EMAIL'");
        assertThat(ref.getReceivedMessages()).hasSize((int) emailLetters);
        assertThat(emailLetters).isPositive();
        ref.stop();
        servers.clear();
        stores.clear();
        List<String> figures = new ArrayList<>();

        // 1. the server refuses connections for the whole night
        story.prepare();
        CliRunner.Result refused = story.nightly();
        assertThat(refused.err()).doesNotContain("\tat ");
        long pending = story.count("SELECT COUNT(*) FROM letter WHERE channel = 'EMAIL' AND status = 'PENDING'");
        assertThat(pending).as("nothing could be sent").isEqualTo(emailLetters);
        GreenMail back = start();
        story.recover(2);
        CliRunner.Result send = story.cli.run("letters", "send");
        assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
        assertExactlyOnce(emailLetters);
        story.assertVerifies();
        assertThat(story.snapshot()).isEqualTo(reference);
        figures.add("SMTP refusing: first run exit " + refused.exitCode() + ", " + pending + " letters left pending, "
                + "after the server came back " + messageIds().size() + " sent, lost 0, doubled 0");
        back.stop();
        servers.clear();
        stores.clear();

        // 2. the server disappears in the middle of the send step
        story.prepare();
        GreenMail first = start();
        CompletableFuture<CliRunner.Result> run = CompletableFuture.supplyAsync(story::nightly, threads);
        while (!run.isDone() && first.getReceivedMessages().length < 3) {
            Thread.sleep(5);
        }
        com.icegreen.greenmail.Managers firstStore = first.getManagers();
        first.stop();
        CliRunner.Result stopped = run.get(5, TimeUnit.MINUTES);
        assertThat(stopped.err()).doesNotContain("\tat ");
        int before = firstStore.getImapHostManager().getAllMessages().size();
        long left = story.count("SELECT COUNT(*) FROM letter WHERE channel = 'EMAIL' AND status <> 'SENT'");
        GreenMail second = start();
        story.recover(2);
        // a letter caught while being handed over is SENDING: the operator checks the server and confirms or requeues
        List<String> received = messageIds();
        int confirmed = 0;
        int requeued = 0;
        for (Map<String, Object> l : story.jdbc.sql("SELECT id, message_id FROM letter WHERE status = 'SENDING'")
                .query().listOfRows()) {
            String id = String.valueOf(l.get("id"));
            Object mid = l.get("message_id");
            boolean went = mid != null && received.contains(mid.toString());
            CliRunner.Result c = story.cli.run("letters", went ? "confirm" : "requeue", "--id", id);
            assertThat(c.exitCode()).as(c.out() + c.err()).isZero();
            if (went) {
                confirmed++;
            } else {
                requeued++;
            }
        }
        send = story.cli.run("letters", "send");
        assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
        assertExactlyOnce(emailLetters);
        story.assertVerifies();
        assertThat(story.snapshot()).isEqualTo(reference);
        figures.add("SMTP gone mid-send: first run exit " + stopped.exitCode() + ", " + before
                + " delivered before the server stopped, " + left + " left unsent, " + confirmed + " confirmed and "
                + requeued + " requeued by the operator, " + second.getReceivedMessages().length
                + " sent after it came back, lost 0, doubled 0");
        Figures.write("faults-smtp", figures);
    }

    /** Every e-mail letter is SENT, and the servers received each Message-ID exactly once. */
    private void assertExactlyOnce(long emailLetters) {
        assertThat(story.count("SELECT COUNT(*) FROM letter WHERE channel = 'EMAIL' AND status = 'SENT'"))
                .isEqualTo(emailLetters);
        Map<String, Integer> seen = new HashMap<>();
        for (String id : messageIds()) {
            seen.merge(id, 1, Integer::sum);
        }
        assertThat(seen).as("each letter delivered once").hasSize((int) emailLetters).allSatisfy((k, v) -> assertThat(v)
                .as(k).isEqualTo(1));
    }

    private List<String> messageIds() {
        List<String> ids = new ArrayList<>();
        for (com.icegreen.greenmail.Managers g : stores) {
            for (com.icegreen.greenmail.store.StoredMessage stored : g.getImapHostManager().getAllMessages()) {
                MimeMessage m = stored.getMimeMessage();
                try {
                    ids.add(m.getMessageID());
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return ids;
    }

    private GreenMail start() {
        GreenMail g = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        servers.add(g);
        stores.add(g.getManagers());
        return g;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
