package org.reskontro.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.common.RejectedInputException;
import org.reskontro.ledger.jdbc.LedgerJournal;
import org.reskontro.matching.jdbc.ManualMatching;
import org.reskontro.support.CliRunner;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's work-queue action while a writer holds the customer: the ledger's writers (the matching job, returns,
 * refunds) lock the customer before a bank transaction's row, and the actions take their locks in the same order,
 * so the two wait for each other instead of deadlocking.
 */
@IntegrationTest
class ManualMatchingLockOrderTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LedgerJournal journal;
    @Autowired
    ManualMatching manual;
    @Autowired
    PlatformTransactionManager txManager;

    MatchingFixture f;
    long hansen;
    static final String KID1 = MatchingFixture.kid("1000010000001");

    @BeforeEach
    void setUp() {
        db.reset();
        f = new MatchingFixture(jdbc);
        hansen = f.customer("10001", "Byggmester Hansen AS", "914778271");
        f.invoice(hansen, "2024-001", KID1, "1000.00");
    }

    /** A writer in the ledger's lock order: the customer, then (once let go) the transaction's row. */
    CompletableFuture<Void> writer(long customer, CountDownLatch locked, CountDownLatch go, Runnable onTheRow) {
        return CompletableFuture.runAsync(() -> new TransactionTemplate(txManager).executeWithoutResult(s -> {
            journal.lockCustomer(customer);
            locked.countDown();
            JournalBatchesTest.await(go);
            onTheRow.run();
        }));
    }

    /** The customer's postings besides the invoice's own. */
    long postings() {
        return jdbc.sql("SELECT COUNT(*) FROM posting WHERE customer_id = ? AND type <> 'INVOICE'").param(hansen).query(Long.class).single();
    }

    @Test
    void anAssignWaitsForTheJobAndThenFindsThePaymentTakenInsteadOfDeadlocking() throws Exception {
        long t = f.tx("1000.00", null, "Ukjent", null, "betaling");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Void> job = writer(hansen, locked, go, () -> jdbc.sql(
                "UPDATE bank_transaction SET match_status = 'MATCHED', customer_id = ? WHERE id = ?")
                .params(hansen, t).update());
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<ManualMatching.Done> person = CompletableFuture.supplyAsync(
                () -> manual.assign(t, List.of("2024-001"), "kari", "paid by phone"));
        Thread.sleep(500);
        assertThat(person.isDone()).as("the person waits for the customer").isFalse();
        go.countDown();

        job.get(20, TimeUnit.SECONDS);
        assertThatThrownBy(() -> person.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RejectedInputException.class).hasMessageContaining("is MATCHED, not OPEN");
        assertThat(postings()).as("the person booked nothing").isZero();
    }

    @Test
    void anUndoWaitsForAWriterOfTheCustomerInsteadOfDeadlocking() throws Exception {
        long t = f.tx("1000.00", KID1, null, null, null);
        assertThat(new CliRunner(context).run("match", "--date", "2024-04-30").exitCode()).isZero();
        assertThat(f.status(t)).isEqualTo("MATCHED");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Void> other = writer(hansen, locked, go, () -> jdbc.sql(
                "SELECT id FROM bank_transaction WHERE id = ? FOR UPDATE").param(t).query(Long.class).single());
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<ManualMatching.Done> person = CompletableFuture.supplyAsync(
                () -> manual.undo(t, "wrong customer", "kari"));
        Thread.sleep(500);
        assertThat(person.isDone()).as("the person waits for the customer").isFalse();
        go.countDown();

        other.get(20, TimeUnit.SECONDS);
        assertThat(person.get(20, TimeUnit.SECONDS).status()).isEqualTo("OPEN");
        assertThat(f.status(t)).isEqualTo("OPEN");
        assertThat(postings()).as("the payment and its reversal").isEqualTo(2);
    }
}
