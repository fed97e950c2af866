package org.reskontro.matching.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** Batched statements for the batched paths. */
final class BatchSql {

    /**
     * The guard of a transaction's update: still OPEN. Written so that it cannot use an index: as a plain
     * {@code match_status = 'OPEN'} MariaDB reads the row through {@code ix_bank_transaction_status} and buffers it
     * ("Using buffer") instead of going straight to the primary key.
     */
    static final String STILL_OPEN = " AND CONCAT(t.match_status, '') = 'OPEN'";

    /** Whether each data source is MariaDB (or MySQL), asked once. */
    private static final Map<DataSource, Boolean> MARIADB = new ConcurrentHashMap<>();

    /**
     * Values per {@code IN (...)} list on a non-unique index. Past MariaDB's {@code eq_range_index_dive_limit} (200)
     * the optimiser estimates the rows from index statistics instead of looking, and with a few hundred end-to-end
     * ids it chose a scan of the whole of {@code bank_transaction} (1.3 million rows, 0.8 s) over the index: 55 s of
     * reversal look-ups in a 1,000,000-payment night.
     */
    static final int IN_SLICE = 100;

    /**
     * Rows per filling of the temporary MEMORY table. MEMORY rows are fixed-width (a {@code VARCHAR(500)} in utf8mb4
     * takes 2,000 bytes), and the table may not grow past {@code max_heap_table_size} (16 MB by default): about
     * 7,800 rows of {@code bank_transaction}'s match columns. A chunk of 10,000 failed with "table is full".
     */
    static final int JOIN_SLICE = 2000;

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
     * Updates many rows by primary key. Each row is the column values, then the id; {@code extraWhere} is a further
     * condition on the updated row, which is aliased {@code t}.
     * <ul>
     * <li>On MariaDB: the rows go into a session's temporary MEMORY table in one batched insert and the table is
     * updated from it in one {@code UPDATE table t JOIN ... SET ...}. The server then runs one statement instead of
     * one per row: measured on this machine, 100,000 scattered invoice rows in 6.2 s against 13.6 s for the bulk
     * command below. The temporary table is emptied before it is filled (it is not transactional, so a rolled-back
     * chunk may have left rows in it), and it lives only as long as the pooled connection. More than
     * {@value #JOIN_SLICE} rows go through it {@value #JOIN_SLICE} at a time.</li>
     * <li>Elsewhere (H2), or when an id occurs twice (the join would apply only one of its rows): one
     * {@code UPDATE table t SET c1 = ?, ... WHERE t.id = ?} sent as one JDBC batch.</li>
     * </ul>
     */
    static void updateByIds(JdbcTemplate jdbc, String table, String[] columns, List<Object[]> rows, int[] types,
                            String extraWhere) {
        if (rows.isEmpty()) {
            return;
        }
        int[] argTypes = new int[columns.length + 1];
        System.arraycopy(types, 0, argTypes, 0, columns.length);
        argTypes[columns.length] = java.sql.Types.BIGINT;
        if (rows.size() > 1 && mariaDb(jdbc) && distinctIds(rows, columns.length)) {
            updateByJoin(jdbc, table, columns, rows, argTypes, extraWhere);
            return;
        }
        StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" t SET ");
        for (int c = 0; c < columns.length; c++) {
            sql.append(c == 0 ? "" : ", ").append(columns[c]).append(" = ?");
        }
        sql.append(" WHERE t.id = ?").append(extraWhere);
        jdbc.batchUpdate(sql.toString(), rows, argTypes);
    }

    private static void updateByJoin(JdbcTemplate jdbc, String table, String[] columns, List<Object[]> rows,
                                     int[] argTypes, String extraWhere) {
        String list = String.join(", ", columns);
        // one temporary table per table and column list (the name is made of our own identifiers only)
        String tmp = "tmp_upd_" + table + "_" + Integer.toHexString(list.hashCode());
        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + tmp + " ENGINE=MEMORY SELECT " + list + ", id FROM "
                + table + " WHERE 1 = 0");
        jdbc.update("DELETE FROM " + tmp);
        StringBuilder insert = new StringBuilder("INSERT INTO ").append(tmp).append(" (").append(list)
                .append(", id) VALUES (");
        StringBuilder update = new StringBuilder("UPDATE ").append(table).append(" t JOIN ").append(tmp)
                .append(" u ON u.id = t.id SET ");
        for (int c = 0; c < columns.length; c++) {
            insert.append(c == 0 ? "" : ", ").append('?');
            update.append(c == 0 ? "" : ", ").append("t.").append(columns[c]).append(" = u.").append(columns[c]);
        }
        insert.append(", ?)");
        update.append(" WHERE 1 = 1").append(extraWhere);
        for (int from = 0; from < rows.size(); from += JOIN_SLICE) {
            if (from > 0) {
                jdbc.update("DELETE FROM " + tmp);
            }
            jdbc.batchUpdate(insert.toString(), rows.subList(from, Math.min(rows.size(), from + JOIN_SLICE)), argTypes);
            jdbc.update(update.toString());
        }
    }

    private static boolean distinctIds(List<Object[]> rows, int idColumn) {
        Set<Object> ids = new HashSet<>(rows.size() * 2);
        for (Object[] r : rows) {
            if (!ids.add(r[idColumn])) {
                return false;
            }
        }
        return true;
    }

    static boolean mariaDb(JdbcTemplate jdbc) {
        DataSource ds = jdbc.getDataSource();
        if (ds == null) {
            return false;
        }
        return MARIADB.computeIfAbsent(ds, d -> Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("mariadb") || product.contains("mysql");
        })));
    }
}
