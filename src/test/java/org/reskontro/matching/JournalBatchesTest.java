package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reskontro.ledger.PostingType;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.reskontro.matching.jdbc.JournalBatches;
import org.reskontro.operations.config.ReskontroProperties;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The general-ledger batches on the real database: every exportable posting in exactly one batch. */
@IntegrationTest
class JournalBatchesTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JournalBatches batches;
    @Autowired
    LedgerJournal journal;
    @Autowired
    PlatformTransactionManager txManager;
    @Autowired
    ReskontroProperties properties;

    CliRunner cli;
    MatchingFixture f;
    long hansen;
    long fjord;
    static final String KID1 = MatchingFixture.kid("1000010000001");

    @BeforeEach
    void setUp() {
        db.reset();
        cli = new CliRunner(context);
        f = new MatchingFixture(jdbc);
        hansen = f.customer("10001", "Byggmester Hansen AS", "914778271");
        fjord = f.customer("10002", "Fjord Fisk AS", "923609016");
        f.invoice(hansen, "2024-001", KID1, "1000.00");
        f.invoice(hansen, "2024-002", MatchingFixture.kid("1000010000002"), "2500.00");
    }

    List<String> lines(Path file) throws IOException {
        List<String> all = Files.readAllLines(file);
        assertThat(all.get(0)).isEqualTo("date,voucher,debit_account,credit_account,amount,currency,customer_no,type,text");
        return all.subList(1, all.size());
    }

    @Test
    void aPaymentAssignedAfterItsPeriodWasHandedOverIsInTheNextBatchAndNoneIsInTwo(@TempDir Path dir)
            throws IOException {
        long matched = f.tx("1000.00", KID1, null, null, null);
        long late = f.tx("2500.00", null, "Ukjent", null, "betaling");
        assertThat(cli.run("match", "--date", "2024-04-30").exitCode()).isZero();
        assertThat(f.status(matched)).isEqualTo("MATCHED");
        assertThat(f.status(late)).isEqualTo("OPEN");

        CliRunner.Result first = cli.run("export", "journal", "--batch", "2024-04-30");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("1 journal lines");
        Path april30 = properties.folders().export().resolve("journal-2024-04-30.csv");
        List<String> batch1 = lines(april30);
        assertThat(batch1).singleElement().satisfies(l -> assertThat(l)
                .startsWith("2024-04-20,").contains(",1920,1500,1000.00,NOK,10001,PAYMENT"));

        // the next day a person assigns the payment the bank booked on 2024-04-20: a posting dated in April
        assertThat(cli.run("unmatched", "assign", String.valueOf(late), "2024-002").exitCode()).isZero();
        CliRunner.Result second = cli.run("export", "journal", "--batch", "2024-05-01");
        assertThat(second.exitCode()).as(second.err()).isZero();
        List<String> batch2 = lines(properties.folders().export().resolve("journal-2024-05-01.csv"));
        assertThat(batch2).singleElement().satisfies(l -> assertThat(l)
                .startsWith("2024-04-20,").contains(",1920,1500,2500.00,NOK,10001,PAYMENT"));

        // the same date again: the same batch, not the postings since
        byte[] before = Files.readAllBytes(april30);
        CliRunner.Result again = cli.run("export", "journal", "--batch", "2024-04-30");
        assertThat(again.out()).contains("the batch of 2024-04-30 again");
        assertThat(Files.readAllBytes(april30)).isEqualTo(before);

        // together the batches are everything, each once
        List<String> both = new ArrayList<>(batch1);
        both.addAll(batch2);
        CliRunner.Result all = cli.run("export", "journal", "--from", "2024-01-01", "--to", "2024-12-31");
        List<String> everything = List.of(all.out().split("\n"));
        assertThat(both).containsExactlyInAnyOrderElementsOf(everything.subList(1, everything.size()));
        CliRunner.Result nothingNew = cli.run("export", "journal", "--batch", "2024-05-02");
        assertThat(nothingNew.out()).contains("0 journal lines");
        assertThat(cli.run("export", "journal", "--batch", "2024-05-03", "--from", "2024-01-01").exitCode())
                .isNotZero();
    }

    @Test
    void aBatchWaitsForAPostingStillBeingWrittenInsteadOfLeavingItOut(@TempDir Path dir) throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long[] slow = new long[1];
        // a writer holds Hansen's lock with a posting not committed yet ...
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> new TransactionTemplate(txManager)
                .executeWithoutResult(s -> {
                    journal.lockCustomer(hansen);
                    slow[0] = journal.post(payment(hansen, "slow", "100.00"));
                    written.countDown();
                    await(release);
                }));
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
        // ... while another customer's posting, with a larger id, is committed
        long fast = new TransactionTemplate(txManager).execute(s -> {
            journal.lockCustomer(fjord);
            return journal.post(payment(fjord, "fast", "200.00"));
        });
        assertThat(fast).isGreaterThan(slow[0]);

        CompletableFuture<JournalBatches.Batch> batch = CompletableFuture.supplyAsync(
                () -> batches.write(LocalDate.of(2024, 5, 1), dir));
        Thread.sleep(500);
        assertThat(batch.isDone()).as("the batch waits for the writer").isFalse();
        release.countDown();
        writer.get(10, TimeUnit.SECONDS);
        JournalBatches.Batch b = batch.get(20, TimeUnit.SECONDS);
        assertThat(b.upToId()).isGreaterThanOrEqualTo(fast);
        assertThat(lines(b.file())).hasSize(2).anySatisfy(l -> assertThat(l).contains("P" + slow[0] + ","))
                .anySatisfy(l -> assertThat(l).contains("P" + fast + ","));
        assertThat(lines(batches.write(LocalDate.of(2024, 5, 2), dir).file())).as("and not again").isEmpty();
    }

    static LedgerJournal.NewPosting payment(long customer, String key, String amount) {
        return new LedgerJournal.NewPosting(customer, null, LocalDate.of(2024, 4, 30), PostingType.PAYMENT,
                new BigDecimal(amount).negate(), "NOK", key, "Payment", "matching-manual", "test:" + key);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
