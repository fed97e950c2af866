package org.reskontro.operations.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/** Keeps {@code bench all} working at a tiny size; it asserts what is printed, never how fast. */
@IntegrationTest
class BenchAllSmokeTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        db.reset();
    }

    @AfterEach
    void tearDown() {
        db.reset();
    }

    @Test
    void everyStageReports() {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        CliRunner.Result r;
        try {
            r = new CliRunner(context).run("bench", "all", "--transactions", "1000", "--invoices", "1000",
                    "--letters", "20", "--baseline-transactions", "300", "--smtp-port",
                    String.valueOf(smtp.getSmtp().getPort()), "--out", dir.toString());
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            // 20 letters: a tenth of them, but at least one, as messages, written as .eml files and sent
            assertThat(smtp.getReceivedMessages()).hasSize(2);
        } finally {
            smtp.stop();
        }
        assertThat(dir.resolve("outbox").toFile().list()).hasSize(2);
        for (String stage : new String[] {"generate", "write files", "write ledger", "parse camt.053", "parse camt.054",
                "parse Nets OCR", "baseline camt.053", "import camt.053", "match", "import+match", "dunning evaluate",
                "dunning apply", "letters HTML", "letters PDF", "letters eml", "letters SMTP"}) {
            assertThat(r.out()).as(stage).containsPattern("(?m)^stage " + java.util.regex.Pattern.quote(stage) + ": ");
        }
        assertThat(r.out()).contains("stage parse camt.053: streaming parser, 1000 transactions");
        assertThat(r.out()).contains("stage parse Nets OCR: streaming parser, 1000 transactions");
        assertThat(r.out()).contains("prowide MxCamt05300102.parse(String) of the file read whole, 1000 entries");
        assertThat(r.out()).contains("baseline ratio: ");
        // the same comparison on a file of the first 300 transactions, where prowide fits at any heap
        assertThat(r.out()).contains("stage parse camt.053 (300): streaming parser, 300 transactions");
        assertThat(r.out()).contains("stage baseline camt.053 (300): prowide MxCamt05300102.parse(String) of the file "
                + "read whole, 300 entries");
        assertThat(r.out()).containsPattern("baseline ratio \\(300\\): prowide whole-document parse takes [0-9.]+x the time");
        assertThat(r.out()).containsPattern("import camt.053: .*, 1000 transactions stored");
        assertThat(r.out()).containsPattern("stage match: .*MATCHED \\d+");
    }

    @Test
    void refusesADatabaseWithARealLedger() throws java.io.IOException {
        Path real = java.nio.file.Files.copy(Path.of("src/test/resources/bankfiles/camt053-day1.xml"),
                dir.resolve("camt053-day1.xml"));
        CliRunner.Result imported = new CliRunner(context).run("import", real.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        CliRunner.Result r = new CliRunner(context).run("bench", "all", "--transactions", "10", "--invoices", "10",
                "--out", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("real ledger");
    }
}
