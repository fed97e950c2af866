package org.reskontro.letters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code reskontro letters preview} from the sample ledger. */
@IntegrationTest
class LettersPreviewCommandTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;

    CliRunner cli;

    @BeforeEach
    void setUp() {
        db.reset();
        cli = new CliRunner(context);
        CliRunner.Result r = cli.run("import-ledger", "--customers", "sample-data/customers.csv", "--invoices",
                "sample-data/invoices.csv", "--payments", "sample-data/payments.csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void writesTheCustomersLetterInEachFormat(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("10001.html");
        CliRunner.Result r = cli.run("letters", "preview", "--customer", "10001", "--level", "3", "--out", html.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("level 3 letter (nb, letters/nb/final-notice.html, EMAIL) of customer 10001");
        String page = Files.readString(html, StandardCharsets.UTF_8);
        // Byggmester Hansen AS owes 30 000 on 2024-003 in the article's example
        assertThat(page).contains("<h1>Inkassovarsel</h1>").contains("Byggmester Hansen AS").contains("2024-003")
                .contains("30\u00a0000,00").contains("12,50\u00a0%");

        Path pdf = dir.resolve("10019.pdf");
        assertThat(cli.run("letters", "preview", "--customer", "10019", "--format", "pdf", "--out", pdf.toString())
                .exitCode()).isZero();
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes());

        Path eml = dir.resolve("10030.eml");
        assertThat(cli.run("letters", "preview", "--customer", "10030", "--level", "2", "--format", "eml", "--out",
                eml.toString()).exitCode()).isZero();
        jakarta.mail.internet.MimeMessage m;
        try (var in = Files.newInputStream(eml)) {
            m = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), in);
        }
        assertThat(m.getSubject()).isEqualTo("Formal reminder – Eksempel Regnskap AS");
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("sofia.berg@example.se");
        assertThat(LetterFixtures.parts(m).pdf()).startsWith("%PDF".getBytes());
    }

    @Test
    void aCustomerWithoutAddressIsPreviewedForPrint(@TempDir Path dir) {
        CliRunner.Result r = cli.run("letters", "preview", "--customer", "10016", "--format", "text", "--out",
                dir.resolve("x.txt").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("PRINT");
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        CliRunner.Result r = cli.run("letters", "preview", "--customer", "99999");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no customer with number 99999");
        assertThat(cli.run("letters", "preview", "--customer", "10001", "--level", "7").exitCode()).isEqualTo(2);
        assertThat(cli.run("letters", "preview", "--customer", "10001", "--format", "doc").exitCode()).isEqualTo(2);
    }
}
