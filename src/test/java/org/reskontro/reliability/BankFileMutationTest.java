package org.reskontro.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import org.reskontro.bankfile.BankFileException;
import org.reskontro.bankfile.BankFileHandler;
import org.reskontro.bankfile.BankFiles;
import org.reskontro.bankfile.BankStatement;
import org.reskontro.bankfile.BankTransaction;
import org.reskontro.common.RejectedInputException;

/**
 * At least 10,000 mutated bank files (see {@link Mutants}) through the Spring-free parser: each either parses
 * (every transaction with an amount and a currency) or is rejected with a {@link BankFileException} /
 * {@link RejectedInputException} whose message names the file; never another exception, never a hang.
 * The figures are written to {@code target/reliability/mutations-parse.txt} for docs/reliability.md.
 */
class BankFileMutationTest {

    static final int TRIES = 10_000;
    static final Duration PER_FILE = Duration.ofSeconds(60);

    private static final List<Mutants.Seed> SEEDS = Mutants.seeds();
    private static final Path DIR;
    private static final Map<Mutants.Kind, long[]> FIGURES = new EnumMap<>(Mutants.Kind.class);
    private static final AtomicLong BYTES = new AtomicLong();
    private static final long STARTED = System.nanoTime();

    static {
        try {
            DIR = Files.createTempDirectory("reskontro-mutants");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED, seed = "20240430")
    void everyMutantParsesOrIsRejectedNamingTheFile(@ForAll long randomSeed) throws IOException {
        Random r = new Random(randomSeed);
        Mutants.Seed seed = SEEDS.get(r.nextInt(SEEDS.size()));
        Mutants.Kind kind = Mutants.pick(r);
        byte[] bytes = Mutants.mutate(seed, kind, r);
        Path file = DIR.resolve("mutant-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + seed.name());
        Files.write(file, bytes);
        BYTES.addAndGet(bytes.length);
        long t0 = System.nanoTime();
        try {
            Outcome outcome = assertTimeoutPreemptively(PER_FILE, () -> parse(file),
                    () -> file.getFileName() + " (" + kind + " of " + seed.name() + ", seed " + randomSeed + ") hung");
            synchronized (FIGURES) {
                long[] f = FIGURES.computeIfAbsent(kind, k -> new long[3]);
                f[outcome == Outcome.PARSED ? 0 : 1]++;
                f[2] += System.nanoTime() - t0;
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    enum Outcome { PARSED, REJECTED }

    static Outcome parse(Path file) {
        String name = file.getFileName().toString();
        try {
            new BankFiles(ZoneId.of("Europe/Oslo")).parse(file, new BankFileHandler() {
                @Override
                public void transaction(BankTransaction t) {
                    assertThat(t.amount()).as(name + ": a transaction without an amount").isNotNull();
                    assertThat(t.currency()).as(name + ": a transaction without a currency").isNotNull();
                }

                @Override
                public void statement(BankStatement s) {
                    assertThat(s).isNotNull();
                }
            });
            return Outcome.PARSED;
        } catch (RejectedInputException e) {
            assertThat(e.getMessage()).as("the rejection names the file").contains(name);
            assertThat(e.getMessage()).as("one readable line").doesNotContain("\n").hasSizeLessThan(2_000);
            return Outcome.REJECTED;
        }
    }

    @AfterContainer
    static void figures() throws IOException {
        StringBuilder s = new StringBuilder("kind                     parsed  rejected  ms\n");
        long parsed = 0;
        long rejected = 0;
        for (Map.Entry<Mutants.Kind, long[]> e : FIGURES.entrySet()) {
            s.append(String.format("%-22s %8d %9d %6d%n", e.getKey(), e.getValue()[0], e.getValue()[1],
                    e.getValue()[2] / 1_000_000));
            parsed += e.getValue()[0];
            rejected += e.getValue()[1];
        }
        s.append(String.format("%-22s %8d %9d%n", "TOTAL", parsed, rejected));
        s.append(String.format("mutants: %d from %d seed files, %.1f MB written, wall time %.1f s, unexpected "
                        + "exceptions 0, hangs 0%n", parsed + rejected, SEEDS.size(), BYTES.get() / 1e6,
                (System.nanoTime() - STARTED) / 1e9));
        Files.createDirectories(Path.of("target/reliability"));
        Files.writeString(Path.of("target/reliability/mutations-parse.txt"), s);
        System.out.print(s);
        try (var files = Files.list(DIR)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(DIR);
    }
}
