package org.reskontro.matching.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.reskontro.matching.BankPayment;
import org.reskontro.matching.MatchIndex;
import org.reskontro.matching.MatchRouter;
import org.reskontro.matching.SyntheticLedger;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The routing pass on the real database, which reads ahead on one thread and inserts behind on another: every open
 * transaction gets exactly one route, the one {@link MatchRouter} gives it when asked one payment at a time.
 */
@IntegrationTest
class MatchRoutesTest {

    static final LocalDate DATE = LocalDate.of(2024, 4, 30);

    @Autowired
    TestDatabase db;
    @Autowired
    SyntheticLedgerWriter data;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MatchIndexLoader loader;

    @Test
    void everyOpenTransactionIsRoutedOnceAsTheRouterRoutesItAlone() {
        db.reset();
        data.write(SyntheticLedger.generate(3000, 11));
        // pages of 100 read ahead, the rows inserted behind 250 at a time (more batches than are let wait)
        MatchRoutes routes = new MatchRoutes(jdbc, 100, 250);
        MatchIndex index = loader.load();

        routes.route(42, DATE, index, new MatchRouter());

        List<BankPayment> open = jdbc.query(BankPayments.OPEN_SQL, BankPayments.MAPPER, java.sql.Date.valueOf(DATE));
        assertThat(open).hasSizeGreaterThan(10 * 250);
        Map<Long, Long> expected = new HashMap<>();
        MatchRouter router = new MatchRouter();
        for (BankPayment p : open) {
            expected.put(p.id(), router.route(p, index));
        }
        Map<Long, Long> stored = new HashMap<>();
        jdbc.query("SELECT transaction_id, customer_id FROM match_route WHERE route_id = 42", rs -> {
            long customer = rs.getLong(2);
            Long route = rs.wasNull() ? null : customer;
            assertThat(stored.containsKey(rs.getLong(1))).as("routed once").isFalse();
            stored.put(rs.getLong(1), route);
        });
        assertThat(stored).isEqualTo(expected);
        assertThat(expected.values()).as("some routed to a customer, some left over").contains((Long) null)
                .anyMatch(c -> c != null);

        // a new run's routing replaces the last one's
        routes.route(43, DATE, index, new MatchRouter());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM match_route WHERE route_id = 42", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM match_route WHERE route_id = 43", Long.class))
                .isEqualTo(open.size());
    }
}
