package org.reskontro.bankfile.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.bankfile.BankFiles;
import org.reskontro.bankfile.BankStatement;
import org.reskontro.bankfile.ImportResult;
import org.reskontro.matching.BankPayment;
import org.reskontro.matching.SyntheticLedger;
import org.reskontro.operations.bench.BankFileWriters;
import org.reskontro.operations.config.ReskontroProperties;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The single-pass import: each file is parsed once while it is stored; a file found bad at its very end is rolled
 * back to the savepoint taken before it, and only it; a statement imported before stores none of its
 * transactions.
 */
@IntegrationTest
class BankFileImporterTest {

    static final Path FILES = Path.of("src/test/resources/bankfiles");
    static final BankFileImporter.Options OPTIONS = new BankFileImporter.Options(false, LocalDate.of(2024, 4, 30));

    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate template;
    @Autowired
    ReskontroProperties properties;
    @Autowired
    PlatformTransactionManager tx;

    @TempDir
    Path dir;

    /** What the importer below did: parses, rows and statements written. */
    final AtomicInteger parses = new AtomicInteger();
    final AtomicLong rowsWritten = new AtomicLong();
    final AtomicLong statementsWritten = new AtomicLong();
    BankFileImporter importer;

    @BeforeEach
    void setUp() {
        db.reset();
        BankFileStore counting = new BankFileStore(jdbc, template) {
            @Override
            public long insertStatement(long fileId, BankStatement s) {
                statementsWritten.incrementAndGet();
                return super.insertStatement(fileId, s);
            }

            @Override
            public int insertTransactions(List<Row> rows) {
                rowsWritten.addAndGet(rows.size());
                return super.insertTransactions(rows);
            }
        };
        importer = new BankFileImporter(counting, Clock.systemUTC(), tx, (file, lenient, handler) -> {
            parses.incrementAndGet();
            new BankFiles(properties.timeZone(), lenient).parse(file, handler);
        });
    }

    @Test
    void theApplicationsTransactionManagerMakesSavepoints() {
        assertThat(tx).isInstanceOfSatisfying(DataSourceTransactionManager.class,
                m -> assertThat(m.isNestedTransactionAllowed()).isTrue());
    }

    @Test
    void aFileWhoseLastEntryIsBadStoresNothingAndTheCallersOtherWorkSurvives() throws IOException {
        Path bad = camt("last-entry-bad.xml", 3_500);
        String xml = Files.readString(bad);
        int last = xml.lastIndexOf("</Ntry>");
        Files.writeString(bad, xml.substring(0, last) + "</Ntri>" + xml.substring(last + "</Ntry>".length()));

        rejectedAloneAfterWriting(bad, "last-entry-bad.xml:", "entry 3500: not well-formed XML");
    }

    @Test
    void aFileWhoseLastStatementIsUnbalancedStoresNothingAndTheCallersOtherWorkSurvives() throws IOException {
        String day2 = Files.readString(FILES.resolve("camt053-day2-overlap.xml"));
        String unbalanced = Files.readString(FILES.resolve("camt053-unbalanced.xml"));
        Path bad = dir.resolve("last-unbalanced.xml");
        Files.writeString(bad, day2.substring(0, day2.indexOf("</Stmt>") + 7)
                + unbalanced.substring(unbalanced.indexOf("<Stmt>"), unbalanced.indexOf("</Stmt>") + 7)
                + "</BkToCstmrStmt></Document>\n");

        rejectedAloneAfterWriting(bad, "last-unbalanced.xml: statement STMT-UNBALANCED: opening balance 1000.00",
                "closing balance is 2700.00 (import with --accept-unbalanced to accept it)");
    }

    @Test
    void anOcrFileWhoseFinalTrailerDisagreesStoresNothingAndTheCallersOtherWorkSurvives() throws IOException {
        Path bad = ocr("trailer-bad.txt", 2_500);
        List<String> lines = Files.readAllLines(bad, StandardCharsets.ISO_8859_1);
        String trailer = lines.get(lines.size() - 1);
        lines.set(lines.size() - 1, trailer.substring(0, 40) + (trailer.charAt(40) == '9' ? '8' : '9')
                + trailer.substring(41));
        Files.write(bad, lines, StandardCharsets.ISO_8859_1);

        rejectedAloneAfterWriting(bad, "trailer-bad.txt:", "record 89 total");
    }

    /**
     * Imports a good file and then the bad one in one transaction, as a caller does: the bad one is rejected after
     * some of its rows were written, the transaction commits, and only the good file is stored.
     */
    private void rejectedAloneAfterWriting(Path bad, String... reason) {
        Path day1 = copy("camt053-day1.xml");
        List<ImportResult> results = new ArrayList<>();
        long[] writtenOfBad = new long[2];
        new TransactionTemplate(tx).executeWithoutResult(s -> {
            results.add(importer.importFile(day1, OPTIONS));
            long rows = rowsWritten.get();
            long statements = statementsWritten.get();
            results.add(importer.importFile(bad, OPTIONS));
            writtenOfBad[0] = rowsWritten.get() - rows;
            writtenOfBad[1] = statementsWritten.get() - statements;
        });

        assertThat(results.get(0)).isInstanceOf(ImportResult.Imported.class);
        assertThat(results.get(1)).isInstanceOfSatisfying(ImportResult.Rejected.class,
                r -> assertThat(r.reason()).contains(reason));
        assertThat(writtenOfBad[0] + writtenOfBad[1]).as("rows of the bad file written before it proved bad")
                .isPositive();
        assertThat(jdbc.sql("SELECT file_name FROM bank_file").query(String.class).list())
                .containsExactly("camt053-day1.xml");
        assertThat(db.count("bank_statement")).isEqualTo(1);
        assertThat(db.count("bank_transaction")).isEqualTo(4);
        assertThat(jdbc.sql("SELECT transactions FROM bank_file").query(Long.class).single()).isEqualTo(4);
        assertThat(readerThreads()).isZero();
    }

    @Test
    void aFileWithANewAndTwoKnownStatementsStoresOnlyTheNewOnesTransactions() throws IOException {
        Path day1 = copy("camt053-day1.xml");
        assertThat(inTransaction(day1)).isInstanceOf(ImportResult.Imported.class);
        String day1Xml = Files.readString(day1);
        String day2Xml = Files.readString(FILES.resolve("camt053-day2-overlap.xml"));
        String day1Stmt = day1Xml.substring(day1Xml.indexOf("<Stmt>"), day1Xml.indexOf("</Stmt>") + 7);
        String day2Stmt = day2Xml.substring(day2Xml.indexOf("<Stmt>"), day2Xml.indexOf("</Stmt>") + 7);
        // new, imported before from day 1, then the new one again: the known ones come after the new one
        Path mixed = dir.resolve("mixed.xml");
        Files.writeString(mixed, day2Xml.substring(0, day2Xml.indexOf("<Stmt>")) + day2Stmt + day1Stmt + day2Stmt
                + "</BkToCstmrStmt></Document>\n");
        long rows = rowsWritten.get();

        ImportResult r = inTransaction(mixed);

        String known = "statement STMT-20240429 (account NO9615032080119) was imported before from camt053-day1.xml";
        String again = "statement STMT-20240430 (account NO9615032080119) was imported before in this file";
        assertThat(r).isEqualTo(new ImportResult.Imported("mixed.xml", "camt.053.001.08", 1, 1, 1,
                List.of(known, again)));
        // day 2's C1 is day 1's: the one row handed to the store beside D1, left out as stored before
        assertThat(rowsWritten.get() - rows).isEqualTo(2);
        assertThat(jdbc.sql("""
                SELECT t.amount FROM bank_transaction t JOIN bank_statement s ON s.id = t.bank_statement_id
                  JOIN bank_file f ON f.id = s.bank_file_id WHERE f.file_name = 'mixed.xml'""")
                .query(java.math.BigDecimal.class).list()).singleElement()
                .satisfies(a -> assertThat(a).isEqualByComparingTo("400.00"));
        assertThat(jdbc.sql("SELECT statement_key FROM bank_statement ORDER BY id").query(String.class).list())
                .containsExactly("camt.053:NO9615032080119:STMT-20240429:41", "camt.053:NO9615032080119:STMT-20240430:42");
        assertThat(jdbc.sql("""
                SELECT CONCAT(statements, '|', transactions, '|', duplicates, '|', warnings) FROM bank_file
                 WHERE file_name = 'mixed.xml'""").query(String.class).single())
                .isEqualTo("1|1|1|" + known + "; " + again);
    }

    @Test
    void eachFileIsParsedOnce() throws IOException {
        parsedOnce(copy("camt053-day1.xml"), ImportResult.Imported.class);
        parsedOnce(camt("large.xml", 3_500), ImportResult.Imported.class);
        parsedOnce(copy("ocr-giro.txt"), ImportResult.Imported.class);
        parsedOnce(copy("bgmax.txt"), ImportResult.Imported.class);
        parsedOnce(copy("camt053-unbalanced.xml"), ImportResult.Rejected.class);
        Path resent = dir.resolve("resent.xml");
        Files.writeString(resent, Files.readString(FILES.resolve("camt053-day1.xml")) + "<!-- again -->\n");
        parsedOnce(resent, ImportResult.Skipped.class);
    }

    private void parsedOnce(Path file, Class<? extends ImportResult> outcome) {
        int before = parses.get();
        assertThat(inTransaction(file)).isInstanceOf(outcome);
        assertThat(parses.get() - before).as(file.getFileName() + ": parses").isEqualTo(1);
    }

    @Test
    void aStatementStoredBeforeItsEndGetsTheHeaderFieldsOfItsEnd() {
        // an OCR assignment gives its settlement date in record 88, after 2,500 transactions (3 batches)
        ImportResult r = inTransaction(ocr("big.txt", 2_500));

        assertThat(r).isInstanceOfSatisfying(ImportResult.Imported.class,
                i -> assertThat(i.transactions()).isEqualTo(2_500));
        assertThat(jdbc.sql("SELECT statement_date FROM bank_statement").query(LocalDate.class).single())
                .isEqualTo(LocalDate.of(2024, 4, 30));
    }

    @Test
    void aCamtStatementWhoseAccountFollowsItsEntriesIsRejected() throws IOException {
        String xml = Files.readString(FILES.resolve("camt053-day1.xml"));
        String acct = xml.substring(xml.indexOf("<Acct>"), xml.indexOf("</Acct>") + 7);
        Path file = dir.resolve("acct-last.xml");
        Files.writeString(file, xml.replace(acct, "").replace("</Stmt>", acct + "</Stmt>"));

        assertThat(inTransaction(file)).isInstanceOfSatisfying(ImportResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("acct-last.xml: statement STMT-20240429: its Id, "
                        + "ElctrncSeqNb or Acct comes after its entries (Ntry); ISO 20022 puts them before, and the "
                        + "import needs them first"));
        assertThat(db.count("bank_file")).isZero();
        assertThat(db.count("bank_transaction")).isZero();
    }

    private ImportResult inTransaction(Path file) {
        return new TransactionTemplate(tx).execute(s -> importer.importFile(file, OPTIONS));
    }

    private Path camt(String name, int payments) {
        Path f = dir.resolve(name);
        BankFileWriters.camt(f, false, payments(payments).iterator());
        return f;
    }

    private Path ocr(String name, int payments) {
        Path f = dir.resolve(name);
        try (BankFileWriters.Sink sink = BankFileWriters.ocrSink(f)) {
            payments(payments).forEach(sink::accept);
        }
        return f;
    }

    private static List<BankPayment> payments(int n) {
        List<BankPayment> payments = new ArrayList<>();
        SyntheticLedger.generate(n, 11).payments().forEach(p -> payments.add(p.tx()));
        return payments;
    }

    private Path copy(String name) {
        try {
            Path target = dir.resolve(name);
            Files.copy(FILES.resolve(name), target);
            return target;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("bankfile-read")).count();
    }
}
