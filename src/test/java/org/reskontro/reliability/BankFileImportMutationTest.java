package org.reskontro.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.bankfile.ImportResult;
import org.reskontro.bankfile.jdbc.BankFileImporter;
import org.reskontro.operations.jdbc.LedgerInvariants;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A few hundred mutated bank files through the import path on the real database (H2 and MariaDB), each in its
 * own transaction as the import step runs it: a rejected file stores nothing (row counts unchanged) and its
 * reason names the file; an imported one stores exactly what it reports; never an unexpected exception or hang.
 * The ledger verifies clean at the end.
 */
@IntegrationTest
class BankFileImportMutationTest {

    static final int FILES = 300;

    @Autowired
    TestDatabase db;
    @Autowired
    BankFileImporter importer;
    @Autowired
    PlatformTransactionManager txManager;
    @Autowired
    LedgerInvariants invariants;

    @BeforeEach
    void setUp() {
        db.reset();
    }

    @Test
    void mutatedFilesAreImportedWhollyOrNotAtAll(@TempDir Path dir) throws IOException {
        List<Mutants.Seed> seeds = Mutants.seeds();
        TransactionTemplate tx = new TransactionTemplate(txManager);
        BankFileImporter.Options options = new BankFileImporter.Options(false, LocalDate.of(2024, 4, 30));
        Map<Mutants.Kind, int[]> figures = new EnumMap<>(Mutants.Kind.class);
        Random r = new Random(20240430L);
        for (int i = 0; i < FILES; i++) {
            Mutants.Seed seed = seeds.get(r.nextInt(seeds.size()));
            Mutants.Kind kind = Mutants.pick(r);
            if (kind == Mutants.Kind.TEN_MB_LINE && i % 3 != 0) {
                kind = Mutants.Kind.HUGE_FIELD; // a few 10 MB files are enough on this path
            }
            byte[] bytes = Mutants.mutate(seed, kind, r);
            Path file = dir.resolve("import-" + i + "-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + seed.name());
            Files.write(file, bytes);
            long[] before = counts();
            ImportResult result = assertTimeoutPreemptively(Duration.ofSeconds(120),
                    () -> tx.execute(s -> importer.importFile(file, options)), () -> file + " hung");
            long[] after = counts();
            String what = file.getFileName() + " (" + kind + " of " + seed.name() + "): " + result.message();
            int[] f = figures.computeIfAbsent(kind, k -> new int[3]);
            if (result instanceof ImportResult.Rejected rejected) {
                f[2]++;
                assertThat(rejected.reason()).as(what).contains(file.getFileName().toString());
                assertThat(after).as("nothing stored from a rejected file: " + what).containsExactly(before);
            } else if (result instanceof ImportResult.Imported imported) {
                f[0]++;
                assertThat(after[0]).as(what).isEqualTo(before[0] + 1);
                assertThat(after[1]).as(what).isEqualTo(before[1] + imported.statements());
                assertThat(after[2]).as(what).isEqualTo(before[2] + imported.transactions());
            } else {
                f[1]++;
                assertThat(after[1]).as(what).isEqualTo(before[1]);
                assertThat(after[2]).as(what).isEqualTo(before[2]);
            }
            Files.delete(file);
        }
        assertThat(invariants.verify().problems()).isEmpty();
        StringBuilder s = new StringBuilder("kind                   imported skipped rejected\n");
        int[] total = new int[3];
        figures.forEach((k, v) -> {
            s.append(String.format("%-22s %8d %7d %8d%n", k, v[0], v[1], v[2]));
            for (int j = 0; j < 3; j++) {
                total[j] += v[j];
            }
        });
        s.append(String.format("%-22s %8d %7d %8d%n", "TOTAL", total[0], total[1], total[2]));
        Files.createDirectories(Path.of("target/reliability"));
        Files.writeString(Path.of("target/reliability/mutations-import-" + org.reskontro.support.TestDatabaseProfiles.database()
                + ".txt"), s);
        assertThat(total[0] + total[1] + total[2]).isEqualTo(FILES);
        assertThat(total[2]).as("most mutants are rejected").isGreaterThan(FILES / 3);
    }

    private long[] counts() {
        return new long[] {db.count("bank_file"), db.count("bank_statement"), db.count("bank_transaction")};
    }
}
