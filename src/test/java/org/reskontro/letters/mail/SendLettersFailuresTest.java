package org.reskontro.letters.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.ledger.Language;
import org.reskontro.ledger.jdbc.LedgerStore;
import org.reskontro.letters.LetterFixtures;
import org.reskontro.letters.LetterOutbox;
import org.reskontro.letters.jdbc.LetterStore;
import org.reskontro.operations.config.ReskontroProperties;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** What the send step does when the mail server goes away, refuses an address, or never answers. */
@IntegrationTest
class SendLettersFailuresTest {

    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LedgerStore ledger;
    @Autowired
    LetterOutbox outbox;
    @Autowired
    LetterStore store;
    @Autowired
    LetterMessages messages;
    @Autowired
    LettersProperties letters;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ReskontroProperties properties;
    @Autowired
    Clock clock;

    LetterFixtures fixtures;
    final List<GreenMail> servers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        db.reset();
        LetterFixtures.emptyFolder(properties.folders().print());
        fixtures = new LetterFixtures(ledger, outbox, transactions);
    }

    @AfterEach
    void stopServers() {
        servers.forEach(GreenMail::stop);
    }

    @Test
    void aServerStoppedInTheMiddleLeavesTheRestPendingAndTheNextRunSendsEachExactlyOnce() throws Exception {
        for (int i = 1; i <= 5; i++) {
            fixtures.store(LetterFixtures.letter("1000" + i, Language.NB, 1, "Kunde " + i, "kunde" + i + "@example.no"),
                    "k" + i);
        }
        int port = SendLettersSmtpTest.freePort();
        GreenMail first = start(port);
        List<String> received = new ArrayList<>();
        AtomicInteger delivered = new AtomicInteger();
        LetterSender sender = sender(port, id -> {
            if (delivered.incrementAndGet() == 2) {
                received.addAll(messageIds(first.getReceivedMessages()));
                first.stop();
            }
        });

        LetterSender.Result run1 = sender.sendDue(clock.instant());
        assertThat(run1.sent()).isEqualTo(2);
        assertThat(run1.deferred()).isEqualTo(1);
        assertThat(run1.interrupted()).isTrue();
        assertThat(received).hasSize(2);
        assertThat(statuses()).containsExactly("SENT", "SENT", "PENDING", "PENDING", "PENDING");
        // the letter that met the stopped server waits for its backoff; the others were not tried
        assertThat(jdbc.sql("SELECT attempts FROM letter ORDER BY id").query(Integer.class).list())
                .containsExactly(1, 1, 1, 0, 0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM letter WHERE next_attempt_at IS NOT NULL").query(Long.class).single())
                .isEqualTo(1);

        // a run before the backoff is over does not touch the waiting letter
        GreenMail second = start(port);
        LetterSender.Result run2 = sender.sendDue(clock.instant());
        assertThat(run2.sent()).isEqualTo(2);
        LetterSender.Result run3 = sender.sendDue(clock.instant().plus(Duration.ofHours(1)));
        assertThat(run3.sent()).isEqualTo(1);
        assertThat(sender.sendDue(clock.instant().plus(Duration.ofDays(1))).sent()).isZero();

        received.addAll(messageIds(second.getReceivedMessages()));
        assertThat(received).hasSize(5).doesNotHaveDuplicates();
        assertThat(new HashSet<>(received)).isEqualTo(new HashSet<>(
                jdbc.sql("SELECT message_id FROM letter").query(String.class).list()));
        assertThat(statuses()).containsOnly("SENT");
    }

    @Test
    void noServerAtAllLeavesEveryLetterPendingAndTriesAgainAfterTheBackoff() {
        fixtures.store(LetterFixtures.letter("10001", Language.NB, 1, "A", "a@example.no"), "k1");
        fixtures.store(LetterFixtures.letter("10002", Language.NB, 1, "B", "b@example.no"), "k2");
        int port = SendLettersSmtpTest.freePort(); // nothing listens there
        LetterSender sender = sender(port, id -> { });

        LetterSender.Result r = sender.sendDue(clock.instant());
        assertThat(r.interrupted()).isTrue();
        assertThat(r.sent()).isZero();
        assertThat(statuses()).containsExactly("PENDING", "PENDING");
        assertThat(jdbc.sql("SELECT last_error FROM letter ORDER BY id").query(String.class).list().get(0))
                .containsIgnoringCase("connect");
        Instant next = jdbc.sql("SELECT next_attempt_at FROM letter ORDER BY id").query(java.sql.Timestamp.class).list()
                .get(0).toInstant();
        assertThat(next).isEqualTo(clock.instant().plus(letters.backoffAfter(1)));

        GreenMail server = start(port);
        assertThat(sender.sendDue(next).sent()).isEqualTo(2);
        assertThat(server.getReceivedMessages()).hasSize(2);
    }

    @Test
    void afterTheLastAttemptALetterIsFailedForAPerson() {
        fixtures.store(LetterFixtures.letter("10001", Language.NB, 1, "A", "a@example.no"), "k1");
        jdbc.sql("UPDATE letter SET attempts = ?").param(letters.maxAttempts() - 1).update();
        LetterSender.Result r = sender(SendLettersSmtpTest.freePort(), id -> { }).sendDue(clock.instant());
        assertThat(r.failed()).isEqualTo(1);
        assertThat(statuses()).containsExactly("FAILED");
        assertThat(store.needingAttention()).hasSize(1);
        assertThat(store.requeue(store.needingAttention().get(0).id())).isTrue();
        assertThat(statuses()).containsExactly("PENDING");
    }

    @Test
    void aRefusedAddressIsPrintedAndFlaggedAGreylistedOneRetriedAndTheRestSentOverTheSameConnection() throws Exception {
        fixtures.store(LetterFixtures.letter("10001", Language.NB, 2, "A", "bounce@example.no"), "k1");
        fixtures.store(LetterFixtures.letter("10002", Language.NB, 2, "B", "later@example.no"), "k2");
        fixtures.store(LetterFixtures.letter("10003", Language.NB, 2, "C", "ok@example.no"), "k3");
        try (RejectingSmtpServer smtp = new RejectingSmtpServer()) {
            LetterSender.Result r = sender(smtp.port(), id -> { }).sendDue(clock.instant());
            assertThat(r.bounced()).isEqualTo(1);
            assertThat(r.deferred()).isEqualTo(1);
            assertThat(r.sent()).isEqualTo(1);
            assertThat(r.interrupted()).isFalse();
            assertThat(smtp.accepted).containsExactly("ok@example.no");
        }
        assertThat(statuses()).containsExactly("PRINTED", "PENDING", "SENT");
        assertThat(LetterFixtures.files(properties.folders().print(), ".pdf")).singleElement()
                .satisfies(p -> assertThat(Files.readAllBytes(p)).startsWith("%PDF".getBytes()));
        assertThat(jdbc.sql("SELECT email_invalid FROM customer WHERE customer_no = '10001'").query(Boolean.class).single())
                .isTrue();
        assertThat(jdbc.sql("SELECT email_invalid FROM customer WHERE customer_no = '10002'").query(Boolean.class).single())
                .isFalse();
        assertThat(jdbc.sql("SELECT details FROM audit_log WHERE action = 'EMAIL_REJECTED'").query(String.class).single())
                .contains("bounce@example.no").contains("550");
        // the flagged customer's next letter goes to print from the start
        fixtures.store(LetterFixtures.letter("10001", Language.NB, 3, "A", "bounce@example.no"), "k4");
        assertThat(jdbc.sql("SELECT channel FROM letter WHERE idem_key = 'k4'").query(String.class).single())
                .isEqualTo("PRINT");
    }

    @Test
    void aConnectionLostAfterTheWholeMessageLeavesTheLetterForAPersonNeverSentTwice() throws Exception {
        fixtures.store(LetterFixtures.letter("10001", Language.NB, 2, "A", "ok@example.no"), "k1");
        fixtures.store(LetterFixtures.letter("10002", Language.NB, 2, "B", "vanish@example.no"), "k2");
        fixtures.store(LetterFixtures.letter("10003", Language.NB, 2, "C", "ok3@example.no"), "k3");
        try (RejectingSmtpServer smtp = new RejectingSmtpServer()) {
            LetterSender sender = sender(smtp.port(), id -> { });
            LetterSender.Result r = sender.sendDue(clock.instant());
            assertThat(r.sent()).isEqualTo(1);
            assertThat(r.uncertain()).isEqualTo(1);
            assertThat(r.deferred()).isZero();
            assertThat(r.interrupted()).isTrue();
            assertThat(smtp.accepted).containsExactly("ok@example.no", "vanish@example.no");
            assertThat(statuses()).containsExactly("SENT", "SENDING", "PENDING");
            assertThat(store.needingAttention()).singleElement().satisfies(a -> {
                assertThat(a.customerNo()).isEqualTo("10002");
                assertThat(a.lastError()).contains("may have the letter");
            });

            // later runs send the rest and leave the uncertain letter to the person: it arrives once
            LetterSender.Result again = sender.sendDue(clock.instant().plus(Duration.ofDays(1)));
            assertThat(again.sent()).isEqualTo(1);
            assertThat(smtp.accepted).containsExactly("ok@example.no", "vanish@example.no", "ok3@example.no");
        }
        assertThat(statuses()).containsExactly("SENT", "SENDING", "SENT");
    }

    @Test
    void aClaimWhoseCommitFailsOnTheClientIsUndoneAndTheLetterSentByTheNextRunOnce() throws Exception {
        fixtures.store(LetterFixtures.letter("10001", Language.NB, 2, "A", "a@example.no"), "k1");
        int port = SendLettersSmtpTest.freePort();
        GreenMail server = start(port);
        // the database commits the claim, but the client sees the connection drop (the commit's reply is lost):
        // commits are counted, the first being the run's release of interrupted prints, the second the claim
        AtomicInteger commits = new AtomicInteger();
        PlatformTransactionManager dropping = new PlatformTransactionManager() {
            @Override
            public org.springframework.transaction.TransactionStatus getTransaction(TransactionDefinition definition) {
                return transactions.getTransaction(definition);
            }

            @Override
            public void commit(org.springframework.transaction.TransactionStatus status) {
                transactions.commit(status);
                if (commits.incrementAndGet() == 2) {
                    throw new org.springframework.transaction.TransactionSystemException("JDBC commit; Socket error");
                }
            }

            @Override
            public void rollback(org.springframework.transaction.TransactionStatus status) {
                transactions.rollback(status);
            }
        };
        LetterSender first = sender(port, id -> { }, dropping);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> first.sendDue(clock.instant()))
                .hasMessageContaining("Socket error");
        assertThat(statuses()).as("the claim is undone: nothing was handed over").containsExactly("PENDING");
        assertThat(jdbc.sql("SELECT attempts FROM letter").query(Integer.class).single()).isZero();
        assertThat(server.getReceivedMessages()).isEmpty();
        assertThat(store.needingAttention()).isEmpty();

        LetterSender.Result next = sender(port, id -> { }).sendDue(clock.instant());
        assertThat(next.sent()).isEqualTo(1);
        assertThat(server.getReceivedMessages()).hasSize(1);
        assertThat(statuses()).containsExactly("SENT");
    }

    @Test
    void storingTheSameKeyTwiceKeepsOneLetter() {
        fixtures.store(LetterFixtures.letter("10001", Language.NB, 1, "A", "a@example.no"), "same");
        fixtures.store(LetterFixtures.letter("10001", Language.NB, 2, "A", "a@example.no"), "same");
        assertThat(jdbc.sql("SELECT level FROM letter").query(Integer.class).list()).containsExactly(1);
    }

    private LetterSender sender(int port, LongConsumer afterDelivery) {
        return sender(port, afterDelivery, transactions);
    }

    private LetterSender sender(int port, LongConsumer afterDelivery, PlatformTransactionManager transactions) {
        JavaMailSenderImpl impl = new JavaMailSenderImpl();
        impl.setHost("127.0.0.1");
        impl.setPort(port);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new LetterSender(store, messages, LettersMailConfiguration.gateways(impl, properties),
                new PrintFolder(properties.folders().print()), letters, tx, clock, afterDelivery);
    }

    private GreenMail start(int port) {
        GreenMail g = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        g.start();
        servers.add(g);
        return g;
    }

    private List<String> statuses() {
        return jdbc.sql("SELECT status FROM letter ORDER BY id").query(String.class).list();
    }

    private static List<String> messageIds(MimeMessage[] messages) {
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : messages) {
            try {
                ids.add(m.getMessageID());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return ids;
    }
}
