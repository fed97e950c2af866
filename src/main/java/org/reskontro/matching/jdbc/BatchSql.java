package org.reskontro.matching.jdbc;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** Batched statements for the batched paths. */
final class BatchSql {

    /**
     * The guard of a transaction's update: still OPEN. Written so that it cannot use an index: as a plain
     * {@code match_status = 'OPEN'} MariaDB reads the row through {@code ix_bank_transaction_status} and buffers it
     * ("Using buffer") instead of going straight to the primary key.
     */
    static final String STILL_OPEN = " AND CONCAT(match_status, '') = 'OPEN'";

    private BatchSql() {
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
