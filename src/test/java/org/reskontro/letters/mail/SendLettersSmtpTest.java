package org.reskontro.letters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reskontro.letters.LetterFixtures.normalise;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reskontro.ledger.Language;
import org.reskontro.ledger.jdbc.LedgerStore;
import org.reskontro.letters.DunningLetter;
import org.reskontro.letters.LetterFixtures;
import org.reskontro.letters.LetterOutbox;
import org.reskontro.operations.config.ReskontroProperties;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/** The letters through a real SMTP server (GreenMail): each arrives once, in its language, with its PDF. */
@IntegrationTest
class SendLettersSmtpTest {

    static final int PORT = freePort();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
    }

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
    void setUp() throws IOException {
        db.reset();
        LetterFixtures.emptyFolder(properties.folders().print());
        LetterFixtures.emptyFolder(properties.folders().outbox());
        fixtures = new LetterFixtures(ledger, outbox, transactions);
        cli = new CliRunner(context);
    }

    @Test
    void eachLevelsLetterArrivesOnceInTheCustomersLanguageWithAmountsReferenceDeadlineAndPdf() throws Exception {
        fixtures.store(LetterFixtures.letter("10001", Language.NB, 1, "Byggmester Hansen AS", "hansen@example.no"), "k-nb-1");
        fixtures.store(LetterFixtures.letter("10002", Language.NB, 2, "Fjordkraft Elektro AS", "fjordkraft@example.no"), "k-nb-2");
        fixtures.store(LetterFixtures.letter("10003", Language.NB, 3, "Nordlys Rørlegger AS", "nordlys@example.no"), "k-nb-3");
        fixtures.store(LetterFixtures.letter("10004", Language.NB, 4, "Bergen Trelast AS", "trelast@example.no"), "k-nb-4");
        fixtures.store(LetterFixtures.letter("10019", Language.SV, 2, "Göteborgs Bygg AB", "gbg@example.se"), "k-sv-2");
        fixtures.store(LetterFixtures.letter("10030", Language.EN, 3, "Sofia Berg", "sofia@example.se"), "k-en-3");

        CliRunner.Result r = cli.run("letters", "send");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("sendLettersJob completed").contains("6 sent, 0 printed");

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(6);
        Map<String, MimeMessage> byRecipient = Arrays.stream(received).collect(Collectors.toMap(
                m -> address(m), m -> m));

        expect(byRecipient.get("hansen@example.no"), "Påminnelse om ubetalt faktura – Eksempel Regnskap AS",
                List.of("PÅMINNELSE", "Betalingsfrist: 14.05.2024", "KID 00010001000000038",
                        "Kontonummer: 1503.20.80119", "31 250,50 NOK"), "paminnelse-10001-2024-04-30.pdf");
        expect(byRecipient.get("fjordkraft@example.no"), "Purring – Eksempel Regnskap AS",
                List.of("PURRING", "gebyr 35,00", "31 285,50 NOK", "14.05.2024"), "purring-10002-2024-04-30.pdf");
        expect(byRecipient.get("nordlys@example.no"), "Inkassovarsel – Eksempel Regnskap AS",
                List.of("INKASSOVARSEL", "innen 14 dager", "12,50 % per år", "løper fra 11.03.2024",
                        "renter 512,33", "31 797,83 NOK"), "inkassovarsel-10003-2024-04-30.pdf");
        expect(byRecipient.get("trelast@example.no"), "Kravet er sendt til inkasso – Eksempel Regnskap AS",
                List.of("overlevert til inkasso", "31 797,83 NOK"), "inkasso-10004-2024-04-30.pdf");
        expect(byRecipient.get("gbg@example.se"), "Betalningspåminnelse – Eksempel Regnskap AS",
                List.of("BETALNINGSPÅMINNELSE", "Sista betalningsdag: 2024-05-14", "Bankgiro: 5050-1055",
                        "OCR 000100190000000375", "31 285,50 SEK"), "betalningspaminnelse-10019-2024-04-30.pdf");
        expect(byRecipient.get("sofia@example.se"), "Final notice before debt collection – Eksempel Regnskap AS",
                List.of("FINAL NOTICE", "12.50% a year", "11/03/2024", "31,797.83 NOK",
                        "Pay by: 14/05/2024"), "final-notice-10030-2024-04-30.pdf");

        // the database records each with the Message-ID it carried and the time it was sent
        assertThat(jdbc.sql("SELECT status FROM letter").query(String.class).list()).hasSize(6).containsOnly("SENT");
        List<String> ids = jdbc.sql("SELECT message_id FROM letter ORDER BY message_id").query(String.class).list();
        assertThat(Arrays.stream(received).map(SendLettersSmtpTest::messageId).sorted().toList()).isEqualTo(ids);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM letter WHERE sent_at IS NULL").query(Long.class).single()).isZero();

        // a rerun sends nothing again
        CliRunner.Result again = cli.run("letters", "send");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("0 sent");
        assertThat(greenMail.getReceivedMessages()).hasSize(6);
    }

    @Test
    void aCustomerWithoutAddressGetsAPrintedLetterAndNoMail() throws Exception {
        fixtures.store(LetterFixtures.letter("10016", Language.NB, 2, "Per Olsen", null), "k-print");
        fixtures.store(LetterFixtures.letter("10017", Language.NB, 2, "Siri Lunde", "not an address"), "k-bad");
        CliRunner.Result r = cli.run("letters", "send");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(jdbc.sql("SELECT status FROM letter").query(String.class).list()).containsOnly("PRINTED");
        assertThat(LetterFixtures.files(properties.folders().print(), ".pdf")).hasSize(2)
                .allSatisfy(p -> assertThat(java.nio.file.Files.readAllBytes(p)).startsWith("%PDF".getBytes()));
    }

    @Test
    void customerDataCannotAddHeadersOrMarkup() throws Exception {
        fixtures.store(LetterFixtures.letter("10005", Language.EN, 1, "Evil\r\nBcc: victim@example.com\r\n<script>alert(1)</script>",
                "ok@example.no"), "k-evil-name");
        fixtures.store(LetterFixtures.letter("10006", Language.EN, 1, "Evil Address",
                "ok2@example.no\r\nBcc: victim@example.com"), "k-evil-address");
        CliRunner.Result r = cli.run("letters", "send");
        assertThat(r.exitCode()).as(r.err()).isZero();

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1); // the letter with the forged address went to print
        MimeMessage m = received[0];
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("ok@example.no");
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getSubject()).doesNotContain("\r", "\n", "Bcc");
        LetterFixtures.Parts parts = LetterFixtures.parts(m);
        assertThat(parts.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(jdbc.sql("SELECT status FROM letter WHERE idem_key = 'k-evil-address'").query(String.class).single())
                .isEqualTo("PRINTED");
        assertThat(greenMail.getReceivedMessagesForDomain("example.com")).isEmpty();
    }

    private static void expect(MimeMessage m, String subject, List<String> text, String pdfName) throws Exception {
        assertThat(m).isNotNull();
        assertThat(m.getSubject()).isEqualTo(subject);
        assertThat(m.getFrom()[0].toString()).contains("faktura@eksempel.no");
        LetterFixtures.Parts parts = LetterFixtures.parts(m);
        for (String t : text) {
            assertThat(normalise(parts.text())).contains(t);
        }
        assertThat(normalise(parts.html())).contains(text.get(text.size() - 1).replace("Pay by: ", "").replaceAll(" (NOK|SEK)$", ""));
        assertThat(parts.pdf()).startsWith("%PDF".getBytes());
        assertThat(parts.pdfName()).isEqualTo(pdfName);
    }

    private static String address(Message m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
