package org.reskontro.matching.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.matching.BankPayment;
import org.reskontro.matching.Decision;
import org.reskontro.matching.MatchIndex;
import org.reskontro.matching.MatchRule;
import org.reskontro.matching.MatchingFixture;
import org.reskontro.matching.jdbc.BankPayments;
import org.reskontro.matching.jdbc.MatchIndexLoader;
import org.reskontro.matching.jdbc.MatchRoutes;
import org.reskontro.matching.jdbc.MatchWriter;
import org.reskontro.matching.jdbc.Reversals;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A partition's chunk written over two connections at once ({@link SplitWrites}), on the real database: each group of
 * customers in a transaction of its own, on a thread of its own; a group the database rolls back over a lock
 * conflict is written again, once; a group that fails leaves its payments open and undecided for the restart, while
 * the other group's stand. A payment left for a person stays OPEN and is marked decided, so a restart does not decide
 * it again; a matched one leaves OPEN, which is what keeps the restart from reading it.
 */
@IntegrationTest
class SplitWritesTest {

    static final long ROUTE = 77;
    static final LocalDate DATE = LocalDate.of(2024, 4, 30);

    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate template;
    @Autowired
    PlatformTransactionManager tx;
    @Autowired
    MatchRoutes routes;
    @Autowired
    MatchIndexLoader loader;
    @Autowired
    Reversals reversals;

    MatchingFixture f;
    final List<MatchWriter.Outcome> outcomes = new ArrayList<>();
    final Map<Long, Long> routed = new ConcurrentHashMap<>();
    final List<Long> transactions = new ArrayList<>();
    long unmatched;
    SplitWrites split;

    @BeforeEach
    void setUp() {
        db.reset();
        f = new MatchingFixture(jdbc);
        for (int i = 1; i <= 6; i++) {
            long customer = f.customer("2000" + i, "Kunde " + i + " AS", null);
            String kid = MatchingFixture.kid("300000000" + i);
            long invoice = f.invoice(customer, "2024-10" + i, kid, "100.00");
            long t = f.tx("100.00", kid, "Kunde " + i + " AS", null, null);
            jdbc.sql("INSERT INTO match_route (route_id, transaction_id, customer_id) VALUES (?, ?, ?)")
                    .params(ROUTE, t, customer).update();
            BankPayment p = template.queryForObject("SELECT " + BankPayments.COLUMNS + " FROM bank_transaction WHERE id = ?",
                    BankPayments.MAPPER, t);
            outcomes.add(new MatchWriter.Outcome(p, new Decision.Matched(MatchRule.REFERENCE, customer, List.of(invoice),
                    BigDecimal.ZERO, "reference " + kid)));
            routed.put(t, customer);
            transactions.add(t);
        }
        long customer = f.customer("20007", "Kunde 7 AS", null);
        unmatched = f.tx("55.00", null, "Ukjent betaler", null, null);
        jdbc.sql("INSERT INTO match_route (route_id, transaction_id, customer_id) VALUES (?, ?, ?)")
                .params(ROUTE, unmatched, customer).update();
        BankPayment p = template.queryForObject("SELECT " + BankPayments.COLUMNS + " FROM bank_transaction WHERE id = ?",
                BankPayments.MAPPER, unmatched);
        outcomes.add(new MatchWriter.Outcome(p, new Decision.Unmatched("no rule decided", List.of())));
        routed.put(unmatched, customer);
        transactions.add(unmatched);
        assertThat(routed.values().stream().map(c -> Math.floorMod(c, 2L)).distinct()).as("both groups have customers")
                .hasSize(2);
    }

    @AfterEach
    void close() {
        if (split != null) {
            split.close();
        }
    }

    /** A writer that notes the threads it writes on and fails its first {@code failures} writes after writing. */
    final class Failing extends MatchWriter {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger failures;
        final Supplier<RuntimeException> failure;

        Failing(int failures, Supplier<RuntimeException> failure) {
            super(template, reversals);
            this.failures = new AtomicInteger(failures);
            this.failure = failure;
        }

        @Override
        public Counts write(List<Outcome> group, LocalDate businessDate, MatchIndex idx) {
            threads.add(Thread.currentThread().getName());
            Counts c = super.write(group, businessDate, idx);
            if (failures.getAndDecrement() > 0) {
                throw failure.get();
            }
            return c;
        }
    }

    MatchWriter.Counts writeInChunkTransaction(Failing first, Failing second) {
        split = new SplitWrites(List.of(first, second), tx, routes, ROUTE);
        MatchIndex index = loader.load();
        // as in the step: inside the chunk's own transaction, which the groups do not depend on
        return new TransactionTemplate(tx).execute(s -> split.write(outcomes, routed, DATE, index));
    }

    @Test
    void eachGroupIsWrittenAndDecidedInItsOwnTransactionOnItsOwnThread() {
        Failing first = new Failing(0, null);
        Failing second = new Failing(0, null);

        MatchWriter.Counts counts = writeInChunkTransaction(first, second);

        assertThat(counts.matched()).isEqualTo(6);
        assertThat(counts.unmatched()).isEqualTo(1);
        assertThat(first.threads).containsExactly(Thread.currentThread().getName());
        assertThat(second.threads).containsExactly("match-write-1");
        for (long t : transactions) {
            assertThat(f.status(t)).as("transaction " + t).isEqualTo(t == unmatched ? "OPEN" : "MATCHED");
            assertThat(readAgainOnRestart(t)).as("transaction " + t + " read again on a restart").isFalse();
            assertThat(postings(t)).as("postings of transaction " + t).isEqualTo(t == unmatched ? 0 : 1);
        }
        assertThat(decided(unmatched)).as("the payment left for a person is marked decided").isTrue();
    }

    @Test
    void aGroupTheDatabaseRollsBackOverALockConflictIsWrittenAgainOnce() {
        Failing first = new Failing(0, null);
        Failing second = new Failing(1, () -> new DeadlockLoserDataAccessException("test deadlock", null));

        MatchWriter.Counts counts = writeInChunkTransaction(first, second);

        assertThat(split.retries()).isEqualTo(1);
        assertThat(counts.matched()).as("the group's counts once, not twice").isEqualTo(6);
        for (long t : transactions) {
            assertThat(f.status(t)).as("transaction " + t).isEqualTo(t == unmatched ? "OPEN" : "MATCHED");
            assertThat(postings(t)).as("postings of transaction " + t).isEqualTo(t == unmatched ? 0 : 1);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM allocation").query(Long.class).single()).isEqualTo(6);
    }

    @Test
    void aGroupThatFailsLeavesItsPaymentsOpenAndUndecidedWhileTheOtherGroupStands() {
        Failing first = new Failing(0, null);
        Failing second = new Failing(1, () -> new IllegalStateException("the disk is full"));

        assertThatThrownBy(() -> writeInChunkTransaction(first, second)).hasMessageContaining("the disk is full");

        for (long t : transactions) {
            boolean firstGroup = Math.floorMod(routed.get(t), 2L) == 0;
            assertThat(f.status(t)).as("transaction " + t).isEqualTo(firstGroup && t != unmatched ? "MATCHED" : "OPEN");
            assertThat(readAgainOnRestart(t)).as("transaction " + t + " read again on a restart").isEqualTo(!firstGroup);
            assertThat(postings(t)).as("postings of transaction " + t).isEqualTo(firstGroup && t != unmatched ? 1 : 0);
        }
    }

    /** What the partition's reader reads: still OPEN and not marked decided. */
    boolean readAgainOnRestart(long t) {
        return f.status(t).equals("OPEN") && !decided(t);
    }

    boolean decided(long t) {
        return jdbc.sql("SELECT decided FROM match_route WHERE route_id = ? AND transaction_id = ?").params(ROUTE, t)
                .query(Boolean.class).single();
    }

    long postings(long t) {
        return jdbc.sql("SELECT COUNT(*) FROM posting WHERE idem_key = ?").param("bank-tx:" + t).query(Long.class)
                .single();
    }
}
