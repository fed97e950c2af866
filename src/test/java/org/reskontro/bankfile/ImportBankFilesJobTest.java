package org.reskontro.bankfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.bankfile.jdbc.BankFileImporter;
import org.reskontro.operations.config.ReskontroProperties;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class ImportBankFilesJobTest {

    static final Path FILES = Path.of("src/test/resources/bankfiles");

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReskontroProperties properties;
    @Autowired
    BankFileImporter importer;
    @Autowired
    PlatformTransactionManager tx;

    @TempDir
    Path dir;

    CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        db.reset();
        cli = new CliRunner(context);
        for (Path folder : List.of(properties.folders().inbox(), properties.folders().archive(),
                properties.folders().rejected())) {
            clean(folder);
        }
    }

    @Test
    void importsAStatementStoresEveryTransactionAndArchivesTheFile() {
        Path file = copy("camt053-day1.xml");
        CliRunner.Result r = cli.run("import", file.toString(), "--date", "2024-04-30");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("camt053-day1.xml: imported camt.053.001.08, 1 statement(s), 4 transaction(s)");
        assertThat(db.count("bank_file")).isEqualTo(1);
        assertThat(db.count("bank_statement")).isEqualTo(1);
        assertThat(amounts()).containsExactly("1500.00", "200.00", "300.00", "-250.00");
        assertThat(jdbc.sql("SELECT opening_balance FROM bank_statement").query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("1000.00");
        // a wrong check digit is recorded, never rejected
        assertThat(valid("1000100000008")).isTrue();
        assertThat(valid("RF34100030000003")).isTrue();
        assertThat(valid("10002000000027")).isFalse();
        assertThat(Files.exists(file)).isFalse();
        assertThat(properties.folders().archive().resolve("camt053-day1.xml")).exists();
    }

    @Test
    void theSameFileTwiceIsSkippedAndNothingIsDoubled() {
        assertThat(cli.run("import", copy("camt053-day1.xml").toString()).exitCode()).isZero();
        String before = snapshot();
        CliRunner.Result again = cli.run("import", copy("camt053-day1.xml").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("skipped, the same file (same content) was imported before");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(db.count("bank_file")).isEqualTo(1);
    }

    @Test
    void theSameStatementInAnotherFileIsSkipped() throws IOException {
        assertThat(cli.run("import", copy("camt053-day1.xml").toString()).exitCode()).isZero();
        String before = transactions();
        Path other = dir.resolve("resent.xml");
        Files.writeString(other, Files.readString(FILES.resolve("camt053-day1.xml")) + "\n<!-- sent again -->\n");
        CliRunner.Result again = cli.run("import", other.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("resent.xml: skipped, every statement was imported before")
                .contains("STMT-20240429");
        assertThat(transactions()).isEqualTo(before);
        assertThat(db.count("bank_statement")).isEqualTo(1);
    }

    @Test
    void aFileWithOneKnownAndOneNewStatementStoresOnlyTheNewOne() throws IOException {
        assertThat(cli.run("import", copy("camt053-day1.xml").toString()).exitCode()).isZero();
        String day1 = Files.readString(FILES.resolve("camt053-day1.xml"));
        String day2 = Files.readString(FILES.resolve("camt053-day2-overlap.xml"));
        String both = day1.substring(0, day1.indexOf("</Stmt>") + 7)
                + day2.substring(day2.indexOf("<Stmt>"), day2.indexOf("</Stmt>") + 7) + "</BkToCstmrStmt></Document>\n";
        Path file = dir.resolve("two-days.xml");
        Files.writeString(file, both);
        CliRunner.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("two-days.xml: imported camt.053.001.08, 1 statement(s), 1 transaction(s), "
                + "1 already stored from another file")
                .contains("statement STMT-20240429 (account NO9615032080119) was imported before from camt053-day1.xml");
        assertThat(db.count("bank_statement")).isEqualTo(2);
        assertThat(amounts()).containsExactly("1500.00", "200.00", "300.00", "-250.00", "400.00");
    }

    @Test
    void twoOverlappingFilesStoreEachTransactionOnce() {
        CliRunner.Result r = cli.run("import", copy("camt053-day1.xml").toString(),
                copy("camt053-day2-overlap.xml").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("camt053-day2-overlap.xml: imported camt.053.001.08, 1 statement(s), "
                + "1 transaction(s), 1 already stored from another file");
        assertThat(db.count("bank_statement")).isEqualTo(2);
        assertThat(amounts()).containsExactly("1500.00", "200.00", "300.00", "-250.00", "400.00");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM bank_transaction WHERE bank_reference = 'C1'").query(Long.class)
                .single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT duplicates FROM bank_file WHERE file_name = 'camt053-day2-overlap.xml'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anUnbalancedStatementIsRejectedWithAReasonFile() throws IOException {
        Path file = copy("camt053-unbalanced.xml");
        CliRunner.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("camt053-unbalanced.xml: statement STMT-UNBALANCED")
                .contains("closing balance is 2700.00").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(db.count("bank_file")).isZero();
        assertThat(db.count("bank_statement")).isZero();
        assertThat(db.count("bank_transaction")).isZero();
        Path rejected = properties.folders().rejected();
        assertThat(rejected.resolve("camt053-unbalanced.xml")).exists();
        assertThat(Files.readString(rejected.resolve("camt053-unbalanced.xml.reason"))).contains("STMT-UNBALANCED");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void acceptUnbalancedImportsWithAWarning() {
        CliRunner.Result r = cli.run("import", "--accept-unbalanced", copy("camt053-unbalanced.xml").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 transaction(s)").contains("closing balance is 2700.00 (accepted)");
        assertThat(jdbc.sql("SELECT warnings FROM bank_file").query(String.class).single()).contains("accepted");
    }

    @Test
    void anExternalEntityIsRejectedAndOtherFilesStillImport() throws IOException {
        CliRunner.Result r = cli.run("import", copy("xxe.xml").toString(), copy("camt053-day1.xml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("xxe.xml: a DTD or entity is not allowed").doesNotContain("root:");
        assertThat(properties.folders().rejected().resolve("xxe.xml.reason")).exists();
        assertThat(db.count("bank_file")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT file_name FROM bank_file").query(String.class).single()).isEqualTo("camt053-day1.xml");
    }

    @Test
    void aBillionLaughsBombIsRejected() {
        CliRunner.Result r = cli.run("import", copy("billion-laughs.xml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("billion-laughs.xml: a DTD or entity is not allowed");
        assertThat(db.count("bank_file")).isZero();
        assertThat(properties.folders().rejected().resolve("billion-laughs.xml")).exists();
    }

    @Test
    void ocrGiroAndBgMaxFilesImportFromTheInbox() throws IOException {
        Path inbox = properties.folders().inbox();
        Files.createDirectories(inbox);
        Files.copy(FILES.resolve("ocr-giro.txt"), inbox.resolve("ocr-giro.txt"));
        Files.copy(FILES.resolve("bgmax.txt"), inbox.resolve("bgmax.txt"));
        CliRunner.Result r = cli.run("import", "--inbox");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("ocr-giro.txt: imported nets-ocr-giro, 1 statement(s), 5 transaction(s)")
                .contains("bgmax.txt: imported bgmax, 1 statement(s), 3 transaction(s)");
        assertThat(jdbc.sql("SELECT SUM(amount) FROM bank_transaction WHERE currency = 'NOK'")
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("2270.50");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM bank_transaction WHERE reversal = TRUE").query(Long.class).single())
                .isEqualTo(2);
        try (Stream<Path> s = Files.list(inbox)) {
            assertThat(s.toList()).isEmpty();
        }
        assertThat(cli.run("import", "--inbox").out()).contains("no bank files to import");
    }

    @Test
    void theInboxStepServesOtherJobs() throws IOException {
        Path inbox = properties.folders().inbox();
        Files.createDirectories(inbox);
        Files.copy(FILES.resolve("camt053-day1.xml"), inbox.resolve("day1.xml"));
        Files.copy(FILES.resolve("xxe.xml"), inbox.resolve("evil.xml"));
        Files.writeString(inbox.resolve("upload.part"), "still arriving");
        org.springframework.batch.core.job.Job nightly = new org.springframework.batch.core.job.builder.JobBuilder(
                "nightlyTestJob", context.getBean(org.springframework.batch.core.repository.JobRepository.class))
                .start(context.getBean("importInboxStep", org.springframework.batch.core.step.Step.class)).build();
        org.reskontro.operations.batch.JobRunner.Outcome outcome = context.getBean(org.reskontro.operations.batch.JobRunner.class)
                .run(nightly, new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                        .addLocalDate("date", java.time.LocalDate.of(2024, 4, 30)).toJobParameters());
        assertThat(outcome).isInstanceOf(org.reskontro.operations.batch.JobRunner.Outcome.Completed.class);
        assertThat(db.count("bank_transaction")).isEqualTo(4);
        assertThat(jdbc.sql("SELECT business_date FROM bank_file").query(java.time.LocalDate.class).single())
                .isEqualTo(java.time.LocalDate.of(2024, 4, 30));
        assertThat(properties.folders().rejected().resolve("evil.xml.reason")).exists();
        try (Stream<Path> s = Files.list(inbox)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("upload.part");
        }
    }

    @Test
    void anOcrFileWhoseTrailerDisagreesIsRejected() throws IOException {
        Path bad = dir.resolve("ocr-bad-total.txt");
        List<String> lines = Files.readAllLines(FILES.resolve("ocr-giro.txt"), java.nio.charset.StandardCharsets.ISO_8859_1);
        String trailer = lines.get(lines.size() - 2);
        lines.set(lines.size() - 2, trailer.substring(0, 40) + "1" + trailer.substring(41));
        Files.write(bad, lines, java.nio.charset.StandardCharsets.ISO_8859_1);
        CliRunner.Result r = cli.run("import", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("ocr-bad-total.txt:").contains("record 88 total");
        assertThat(db.count("bank_transaction")).isZero();
    }

    @Test
    void aGapInTheElectronicSequenceIsAWarning() throws IOException {
        assertThat(cli.run("import", copy("camt053-day1.xml").toString()).exitCode()).isZero();
        Path later = dir.resolve("later.xml");
        Files.writeString(later, Files.readString(FILES.resolve("camt053-day2-overlap.xml"))
                .replace("<ElctrncSeqNb>42", "<ElctrncSeqNb>44"));
        CliRunner.Result r = cli.run("import", later.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("electronic sequence number 44 follows 41 (gap");
    }

    @Test
    void aCrashMidImportFollowedByARerunGivesTheSameResult() {
        cli.run("import", copy("camt053-day1.xml").toString(), copy("camt053-day2-overlap.xml").toString());
        String uninterrupted = snapshot();
        db.reset();

        Path day1 = copy("camt053-day1.xml");
        Path day2 = copy("camt053-day2-overlap.xml");
        try {
            // the job imports each file in one transaction: a crash after the rows of day 1 were written
            new TransactionTemplate(tx).executeWithoutResult(status -> {
                importer.importFile(day1, new BankFileImporter.Options(false, null));
                assertThat(db.count("bank_transaction")).isEqualTo(4);
                throw new IllegalStateException("simulated crash before the commit");
            });
        } catch (IllegalStateException expected) {
            // the process died here
        }
        assertThat(db.count("bank_transaction")).isZero();
        assertThat(db.count("bank_file")).isZero();
        CliRunner.Result rerun = cli.run("import", day1.toString(), day2.toString());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(snapshot()).isEqualTo(uninterrupted);
    }

    private Path copy(String name) {
        try {
            Path target = dir.resolve(name);
            Files.copy(FILES.resolve(name), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> amounts() {
        return jdbc.sql("SELECT amount FROM bank_transaction ORDER BY id").query(java.math.BigDecimal.class).list()
                .stream().map(a -> a.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString()).toList();
    }

    private boolean valid(String reference) {
        return jdbc.sql("SELECT reference_valid FROM bank_transaction WHERE reference = ?").param(reference)
                .query(Boolean.class).single();
    }

    private String snapshot() {
        return transactions()
                + "\n" + String.join(",", jdbc.sql("SELECT CONCAT(file_name, '|', transactions, '|', duplicates) FROM bank_file ORDER BY file_name")
                .query(String.class).list());
    }

    private String transactions() {
        return String.join("\n", jdbc.sql("""
                SELECT CONCAT(s.statement_key, '|', t.tx_key, '|', t.amount, '|', COALESCE(t.reference, ''))
                  FROM bank_transaction t JOIN bank_statement s ON s.id = t.bank_statement_id
                 ORDER BY t.tx_key""").query(String.class).list());
    }

    private static void clean(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(folder)) {
                    Files.delete(p);
                }
            }
        }
    }
}
