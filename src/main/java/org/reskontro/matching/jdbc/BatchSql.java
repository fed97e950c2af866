package org.reskontro.matching.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;

/** Batched statements for the batched paths. */
final class BatchSql {

    /**
     * The guard of a transaction's update: still OPEN. Written so that it cannot use an index: as a plain
     * {@code match_status = 'OPEN'} MariaDB reads the row through {@code ix_bank_transaction_status} and buffers it
     * ("Using buffer") instead of going straight to the primary key.
     */
    static final String STILL_OPEN = " AND CONCAT(match_status, '') = 'OPEN'";

    /**
     * Values per {@code IN (...)} list on a non-unique index. Past MariaDB's {@code eq_range_index_dive_limit} (200)
     * the optimiser estimates the rows from index statistics instead of looking, and with a few hundred end-to-end
     * ids it chose a scan of the whole of {@code bank_transaction} (1.3 million rows, 0.8 s) over the index: 55 s of
     * reversal look-ups in a 1,000,000-payment night.
     */
    static final int IN_SLICE = 100;

    private BatchSql() {
    }

    /** Runs {@code query} on slices of at most {@value #IN_SLICE} of the values, in their order. */
    static <T> void inSlices(Collection<T> values, Consumer<List<T>> query) {
        List<T> all = new ArrayList<>(values);
        for (int from = 0; from < all.size(); from += IN_SLICE) {
            query.accept(all.subList(from, Math.min(all.size(), from + IN_SLICE)));
        }
    }

    /**
     * Updates many rows by primary key: one {@code UPDATE table SET c1 = ?, ... WHERE id = ?} sent as one JDBC batch
     * (on MariaDB with {@code useBulkStmts} one bulk command: the server runs the prepared statement for every row).
     * Each row is the column values, then the id.
     */
    static void updateByIds(JdbcTemplate jdbc, String table, String[] columns, List<Object[]> rows, int[] types,
                            String extraWhere) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
        for (int c = 0; c < columns.length; c++) {
            sql.append(c == 0 ? "" : ", ").append(columns[c]).append(" = ?");
        }
        sql.append(" WHERE id = ?").append(extraWhere);
        int[] argTypes = new int[columns.length + 1];
        System.arraycopy(types, 0, argTypes, 0, columns.length);
        argTypes[columns.length] = java.sql.Types.BIGINT;
        jdbc.batchUpdate(sql.toString(), rows, argTypes);
    }
}
