package org.reskontro.matching.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link BatchSql#updateByIds} on the real database: on MariaDB through the temporary table and one joined
 * update, on H2 as a batch of single-row updates; both must change exactly the rows named, honour the guard, and
 * leave nothing behind for the next call.
 */
@IntegrationTest
class BatchSqlUpdateTest {

    @Autowired
    TestDatabase db;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JdbcClient client;
    @Autowired
    TransactionTemplate tx;

    long statement;

    @BeforeEach
    void setUp() {
        db.reset();
        client.sql("INSERT INTO bank_file (sha256, file_name, format, status) VALUES (?, 't.xml', 'CAMT053', 'IMPORTED')")
                .param("e".repeat(64)).update();
        long file = client.sql("SELECT MAX(id) FROM bank_file").query(Long.class).single();
        client.sql("INSERT INTO bank_statement (bank_file_id, statement_key, format, currency) VALUES (?, 's', 'CAMT053', 'NOK')")
                .param(file).update();
        statement = client.sql("SELECT MAX(id) FROM bank_statement").query(Long.class).single();
    }

    long transaction(String key, String status) {
        client.sql("""
                INSERT INTO bank_transaction (bank_statement_id, tx_key, amount, currency, booking_date, match_status)
                VALUES (?, ?, ?, 'NOK', ?, ?)""").params(statement, key, new BigDecimal("10.00"), Date.valueOf("2024-04-20"),
                status).update();
        return client.sql("SELECT id FROM bank_transaction WHERE tx_key = ?").param(key).query(Long.class).single();
    }

    String row(long id) {
        return client.sql("SELECT CONCAT(match_status, '|', COALESCE(match_evidence, '-')) FROM bank_transaction WHERE id = ?")
                .param(id).query(String.class).single();
    }

    void update(List<Object[]> rows) {
        tx.executeWithoutResult(s -> BatchSql.updateByIds(jdbc, "bank_transaction",
                new String[] {"match_status", "match_evidence"}, rows, new int[] {Types.VARCHAR, Types.VARCHAR},
                BatchSql.STILL_OPEN));
    }

    @Test
    void updatesExactlyTheNamedRowsThatTheGuardAllowsAndForgetsThemAfterwards() {
        List<Long> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(transaction("open-" + i, "OPEN"));
        }
        long matched = transaction("matched", "MATCHED");
        long untouched = transaction("untouched", "OPEN");

        List<Object[]> rows = new ArrayList<>();
        for (long id : open) {
            rows.add(new Object[] {"OUTGOING", "evidence " + id, id});
        }
        rows.add(new Object[] {"OUTGOING", "must not win over MATCHED", matched});
        update(rows);

        for (long id : open) {
            assertThat(row(id)).isEqualTo("OUTGOING|evidence " + id);
        }
        assertThat(row(matched)).as("the guard: only OPEN rows").isEqualTo("MATCHED|-");
        assertThat(row(untouched)).isEqualTo("OPEN|-");

        // a second call with other rows: nothing of the first call's rows is applied again
        client.sql("UPDATE bank_transaction SET match_status = 'OPEN', match_evidence = NULL WHERE id = ?")
                .param(open.get(0)).update();
        update(List.<Object[]>of(new Object[] {"OUTGOING", "second", untouched}, new Object[] {"OUTGOING", "second b",
                open.get(1)}));
        assertThat(row(untouched)).isEqualTo("OUTGOING|second");
        assertThat(row(open.get(0))).as("left by the first call, not updated again").isEqualTo("OPEN|-");
    }

    @Test
    void aRolledBackCallLeavesNothingForTheNext() {
        long a = transaction("a", "OPEN");
        long b = transaction("b", "OPEN");
        try {
            tx.executeWithoutResult(s -> {
                BatchSql.updateByIds(jdbc, "bank_transaction", new String[] {"match_status", "match_evidence"},
                        List.<Object[]>of(new Object[] {"OUTGOING", "rolled back", a}, new Object[] {"OUTGOING", "x", b}),
                        new int[] {Types.VARCHAR, Types.VARCHAR}, BatchSql.STILL_OPEN);
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the chunk failed
        }
        assertThat(row(a)).isEqualTo("OPEN|-");
        update(List.<Object[]>of(new Object[] {"OUTGOING", "retried", b}, new Object[] {"OUTGOING", "retried too", b + 1000}));
        assertThat(row(b)).isEqualTo("OUTGOING|retried");
        assertThat(row(a)).as("the rolled-back call's row stays as it was").isEqualTo("OPEN|-");
    }

    @Test
    void anIdNamedTwiceGetsItsLastRowAsASingleRowUpdateWould() {
        long a = transaction("a", "OPEN");
        long b = transaction("b", "OPEN");
        client.sql("UPDATE bank_transaction SET match_evidence = 'x' WHERE id = ?").param(b).update();
        tx.executeWithoutResult(s -> BatchSql.updateByIds(jdbc, "bank_transaction", new String[] {"match_evidence"},
                List.<Object[]>of(new Object[] {"first", a}, new Object[] {"second", a}, new Object[] {"b", b}),
                new int[] {Types.VARCHAR}, ""));
        assertThat(row(a)).isEqualTo("OPEN|second");
        assertThat(row(b)).isEqualTo("OPEN|b");
    }

    @Test
    void moreRowsThanTheMemoryTableHoldsAtOnceAreAllUpdated() {
        // 10,000 rows of the match columns: past the 7,800 or so that fit MariaDB's 16 MB MEMORY table at once
        // (VARCHAR(500) evidence is stored fixed-width: 2,000 bytes a row); a chunk of 10,000 failed "table is full"
        int n = 10_000;
        List<Object[]> inserts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            inserts.add(new Object[] {statement, "many-" + i, new BigDecimal("10.00"), Date.valueOf("2024-04-20")});
        }
        jdbc.batchUpdate("""
                INSERT INTO bank_transaction (bank_statement_id, tx_key, amount, currency, booking_date, match_status)
                VALUES (?, ?, ?, 'NOK', ?, 'OPEN')""", inserts);
        List<Long> ids = client.sql("SELECT id FROM bank_transaction ORDER BY id").query(Long.class).list();
        assertThat(ids).hasSize(n);
        String evidence = "e".repeat(480);
        List<Object[]> rows = new ArrayList<>(n);
        for (long id : ids) {
            rows.add(new Object[] {"OUTGOING", evidence + id, id});
        }
        update(rows);
        assertThat(client.sql("SELECT COUNT(*) FROM bank_transaction WHERE match_status = 'OUTGOING'"
                + " AND match_evidence = CONCAT(?, id)").param(evidence).query(Long.class).single()).isEqualTo(n);
    }

    @Test
    void theJoinedUpdateIsUsedOnMariaDbOnly() {
        assertThat(BatchSql.mariaDb(jdbc)).isEqualTo("mariadb".equals(System.getProperty("reskontro.test.db")));
    }
}
