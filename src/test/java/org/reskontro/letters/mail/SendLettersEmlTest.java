package org.reskontro.letters.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.ledger.Language;
import org.reskontro.ledger.jdbc.LedgerStore;
import org.reskontro.letters.LetterFixtures;
import org.reskontro.letters.LetterOutbox;
import org.reskontro.operations.config.ReskontroProperties;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Without spring.mail.host the letters become .eml files in the outbox folder; a crashed hand-over is not redone blindly. */
@IntegrationTest
class SendLettersEmlTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LedgerStore ledger;
    @Autowired
    LetterOutbox outbox;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ReskontroProperties properties;

    LetterFixtures fixtures;
    CliRunner cli;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        LetterFixtures.emptyFolder(properties.folders().outbox());
        LetterFixtures.emptyFolder(properties.folders().print());
        fixtures = new LetterFixtures(ledger, outbox, transactions);
        cli = new CliRunner(context);
    }

    @Test
    void eachLetterBecomesACompleteMessageFileOnceAndIsRecordedAsSent() throws Exception {
        fixtures.store(LetterFixtures.letter("10001", Language.NB, 3, "Byggmester Hansen AS", "hansen@example.no"), "k1");
        fixtures.store(LetterFixtures.letter("10019", Language.SV, 1, "Göteborgs Bygg AB", "gbg@example.se"), "k2");
        fixtures.store(LetterFixtures.letter("10016", Language.NB, 1, "Per Olsen", null), "k3");

        CliRunner.Result r = cli.run("letters", "send");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 sent, 1 printed").contains("outbox folder");

        List<Path> emls = LetterFixtures.files(properties.folders().outbox(), ".eml");
        assertThat(emls).hasSize(2);
        MimeMessage m;
        try (InputStream in = Files.newInputStream(emls.get(0))) {
            m = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(m.getSubject()).isEqualTo("Inkassovarsel – Eksempel Regnskap AS");
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("hansen@example.no");
        LetterFixtures.Parts parts = LetterFixtures.parts(m);
        assertThat(LetterFixtures.normalise(parts.text())).contains("31 797,83 NOK").contains("innen 14 dager");
        assertThat(parts.html()).contains("<h1>Inkassovarsel</h1>");
        assertThat(parts.pdf()).startsWith("%PDF".getBytes());
        assertThat(m.getMessageID()).isEqualTo(
                jdbc.sql("SELECT message_id FROM letter WHERE idem_key = 'k1'").query(String.class).single());
        assertThat(jdbc.sql("SELECT status FROM letter ORDER BY id").query(String.class).list())
                .containsExactly("SENT", "SENT", "PRINTED");
        assertThat(LetterFixtures.files(properties.folders().print(), ".pdf")).hasSize(1);

        assertThat(cli.run("letters", "send").exitCode()).isZero();
        assertThat(LetterFixtures.files(properties.folders().outbox(), ".eml")).hasSize(2);
    }

    @Test
    void aLetterLeftSendingByACrashIsNotSentAgainUntilAPersonDecides() throws Exception {
        fixtures.store(LetterFixtures.letter("10001", Language.NB, 1, "A", "a@example.no"), "k1");
        fixtures.store(LetterFixtures.letter("10016", Language.NB, 1, "B", null), "k2");
        // as if a run had crashed after committing SENDING and before recording the outcome
        jdbc.sql("UPDATE letter SET status = 'SENDING', attempts = 1").update();

        CliRunner.Result r = cli.run("letters", "send");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("0 sent, 1 printed").contains("1 letter(s) need a person")
                .contains("customer 10001, SENDING");
        assertThat(LetterFixtures.files(properties.folders().outbox(), ".eml")).isEmpty();
        // the print letter was redone (writing the same file again is harmless), the e-mail waits
        assertThat(jdbc.sql("SELECT status FROM letter ORDER BY id").query(String.class).list())
                .containsExactly("SENDING", "PRINTED");

        long id = jdbc.sql("SELECT id FROM letter WHERE idem_key = 'k1'").query(Long.class).single();
        assertThat(cli.run("letters", "requeue", "--id", String.valueOf(id)).exitCode()).isZero();
        assertThat(cli.run("letters", "send").out()).contains("1 sent");
        assertThat(LetterFixtures.files(properties.folders().outbox(), ".eml")).hasSize(1);
        assertThat(cli.run("letters", "requeue", "--id", String.valueOf(id)).exitCode()).isEqualTo(2);
    }

    @Test
    void aPersonCanConfirmThatASendingLetterWentOut() {
        fixtures.store(LetterFixtures.letter("10001", Language.NB, 1, "A", "a@example.no"), "k1");
        jdbc.sql("UPDATE letter SET status = 'SENDING', attempts = 1").update();
        long id = jdbc.sql("SELECT id FROM letter").query(Long.class).single();
        CliRunner.Result r = cli.run("letters", "confirm", "--id", String.valueOf(id));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(jdbc.sql("SELECT status FROM letter").query(String.class).single()).isEqualTo("SENT");
        assertThat(cli.run("letters", "send").out()).contains("0 sent").doesNotContain("need a person");
    }
}
