package org.reskontro.bankfile.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.bankfile.ImportResult;
import org.reskontro.bankfile.jdbc.BankFileImporter;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The restart of an import step whose process was killed after a file's commit and before the file moved: the
 * step's execution context says the file is done, yet it is still in the inbox.
 */
@IntegrationTest
class ImportBankFilesTaskletTest {

    static final Path FILES = Path.of("src/test/resources/bankfiles");
    static final BankFileImporter.Options OPTIONS = new BankFileImporter.Options(false, null);

    @Autowired
    TestDatabase db;
    @Autowired
    BankFileImporter importer;
    @Autowired
    PlatformTransactionManager tx;

    @TempDir
    Path dir;
    Path inbox;
    Path archive;
    Path rejected;

    @BeforeEach
    void setUp() throws IOException {
        db.reset();
        inbox = Files.createDirectories(dir.resolve("inbox"));
        archive = dir.resolve("archive");
        rejected = dir.resolve("rejected");
    }

    @Test
    void theFileAKilledRunHadImportedButNotMovedIsArchivedAndTheRestImported() throws IOException {
        Path day1 = copy("camt053-day1.xml", "a-day1.xml");
        Path ocr = copy("ocr-giro.txt", "b-ocr.txt");
        ImportResult first = new TransactionTemplate(tx).execute(s -> importer.importFile(day1, OPTIONS));
        assertThat(first).isInstanceOf(ImportResult.Imported.class);
        StepExecution restart = killedAfterTheFirstFile(day1, ocr, first);

        run(restart);

        assertThat(day1).doesNotExist();
        assertThat(ocr).doesNotExist();
        assertThat(archive.resolve("a-day1.xml")).exists();
        assertThat(archive.resolve("b-ocr.txt")).exists();
        assertThat(db.count("bank_file")).isEqualTo(2);
        // the first file's line is the killed run's; nothing is reported twice
        assertThat(report(restart)).hasSize(2);
        assertThat(report(restart).get(0)).startsWith("IMPORTED\ta-day1.xml");
        assertThat(report(restart).get(1)).startsWith("IMPORTED\tb-ocr.txt");
    }

    @Test
    void aDifferentFileOfThatNameArrivedSinceIsImportedAndReported() throws IOException {
        Path day1 = copy("camt053-day1.xml", "a-day1.xml");
        Path ocr = copy("ocr-giro.txt", "b-ocr.txt");
        ImportResult first = new TransactionTemplate(tx).execute(s -> importer.importFile(day1, OPTIONS));
        // the killed run had moved it after all, and the bank delivered another file under the same name
        Files.move(day1, Files.createDirectories(archive).resolve("a-day1.xml"));
        Files.copy(FILES.resolve("bgmax.txt"), day1);
        StepExecution restart = killedAfterTheFirstFile(day1, ocr, first);

        run(restart);

        assertThat(db.count("bank_file")).isEqualTo(3);
        assertThat(day1).doesNotExist();
        assertThat(report(restart)).hasSize(3);
        assertThat(report(restart)).anySatisfy(l -> assertThat(l).startsWith("IMPORTED\ta-day1.xml: imported bgmax"));
        assertThat(report(restart).get(2)).startsWith("IMPORTED\tb-ocr.txt");
    }

    /** The execution context the killed run committed with its first file: the list, the position, the report. */
    private StepExecution killedAfterTheFirstFile(Path done, Path next, ImportResult result) {
        StepExecution restart = MetaDataInstanceFactory.createStepExecution();
        ExecutionContext ec = restart.getExecutionContext();
        ec.putString(ImportBankFilesTasklet.FILES, done.toAbsolutePath() + "\n" + next.toAbsolutePath());
        ec.putInt(ImportBankFilesTasklet.NEXT, 1);
        ec.putString(ImportBankFilesTasklet.REPORT, "IMPORTED\t" + result.message());
        return restart;
    }

    private void run(StepExecution execution) {
        ImportBankFilesTasklet tasklet = new ImportBankFilesTasklet(() -> ImportBankFilesTasklet.inbox(inbox), importer,
                OPTIONS, archive, rejected);
        ChunkContext chunk = new ChunkContext(new StepContext(execution));
        new TransactionTemplate(tx).executeWithoutResult(s ->
                tasklet.execute(new StepContribution(execution), chunk));
    }

    private static List<String> report(StepExecution execution) {
        return List.of(execution.getExecutionContext().getString(ImportBankFilesTasklet.REPORT).split("\n"));
    }

    private Path copy(String name, String as) throws IOException {
        return Files.copy(FILES.resolve(name), inbox.resolve(as));
    }
}
