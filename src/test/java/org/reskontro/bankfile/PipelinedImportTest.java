package org.reskontro.bankfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.bankfile.jdbc.BankFileImporter;
import org.reskontro.bankfile.jdbc.BankFileStore;
import org.reskontro.matching.BankPayment;
import org.reskontro.matching.SyntheticLedger;
import org.reskontro.operations.bench.BankFileWriters;
import org.reskontro.operations.config.ReskontroProperties;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import reads on a thread of its own and stores on the caller's: a file of several batches
 * arrives whole, in file order, with the keys a plain sequential read gives; a failure while storing stops the
 * reading thread and leaves nothing behind.
 */
@IntegrationTest
class PipelinedImportTest {

    static final int PAYMENTS = 3_500;

    @Autowired
    TestDatabase db;
    @Autowired
    BankFileImporter importer;
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

    @BeforeEach
    void setUp() {
        db.reset();
    }

    private Path file() {
        List<BankPayment> payments = new ArrayList<>();
        SyntheticLedger.generate(PAYMENTS, 7).payments().forEach(p -> payments.add(p.tx()));
        Path f = dir.resolve("pipelined-camt053.xml");
        BankFileWriters.camt(f, false, payments.iterator());
        return f;
    }

    @Test
    void aFileOfSeveralBatchesIsStoredWholeInFileOrderWithTheSequentialKeys() {
        Path f = file();
        List<String> expected = new ArrayList<>();
        TransactionKeys keys = new TransactionKeys();
        new BankFiles(properties.timeZone()).parse(f, new BankFileHandler() {
            @Override
            public void transaction(BankTransaction t) {
                expected.add(keys.next(BankFileWriters.ACCOUNT, t));
            }

            @Override
            public void statement(BankStatement s) {
            }
        });

        ImportResult r = new TransactionTemplate(tx).execute(s -> importer.importFile(f,
                new BankFileImporter.Options(false, LocalDate.of(2024, 4, 30))));

        assertThat(r).isInstanceOf(ImportResult.Imported.class);
        assertThat(((ImportResult.Imported) r).transactions()).isEqualTo(PAYMENTS);
        assertThat(jdbc.sql("SELECT tx_key FROM bank_transaction ORDER BY id").query(String.class).list())
                .containsExactlyElementsOf(expected);
        assertThat(readerThreads()).isZero();
    }

    @Test
    void aFailureWhileStoringStopsTheReaderAndStoresNothing() {
        Path f = file();
        BankFileStore failing = new BankFileStore(jdbc, template) {
            private int batches;

            @Override
            public int insertTransactions(List<Row> rows) {
                if (++batches == 2) {
                    throw new IllegalStateException("simulated database failure in batch 2");
                }
                return super.insertTransactions(rows);
            }
        };
        BankFileImporter broken = new BankFileImporter(failing, properties.timeZone(), Clock.systemUTC(), tx);

        assertThatThrownBy(() -> new TransactionTemplate(tx).execute(s -> broken.importFile(f,
                new BankFileImporter.Options(false, LocalDate.of(2024, 4, 30)))))
                .hasMessageContaining("simulated database failure in batch 2");

        assertThat(readerThreads()).as("the reading thread ended with the import").isZero();
        assertThat(db.count("bank_transaction")).isZero();
        assertThat(db.count("bank_statement")).isZero();
        assertThat(db.count("bank_file")).isZero();
    }

    private static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("bankfile-read")).count();
    }
}
