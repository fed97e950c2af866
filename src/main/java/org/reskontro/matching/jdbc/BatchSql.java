package org.reskontro.matching.jdbc;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** Portable multi-row statements for the batched paths. */
final class BatchSql {

    /** Rows per statement: a CASE is searched linearly per row, so groups stay small; the groups go as one batch. */
    private static final int GROUP = 50;

    private BatchSql() {
    }

    /**
     * Updates many rows by primary key: {@code SET c = CASE id WHEN ? THEN ? ... END WHERE id IN (...)} for groups of
     * 50 rows, the groups sent as one JDBC batch. Portable, and far cheaper than one UPDATE per row. Each row is the
     * column values, then the id.
     */
    static void updateByIds(JdbcTemplate jdbc, String table, String[] columns, List<Object[]> rows, int[] types,
                            String extraWhere) {
        int full = rows.size() / GROUP * GROUP;
        if (full > 0) {
            List<Object[]> batch = new ArrayList<>();
            int[] argTypes = null;
            for (int from = 0; from < full; from += GROUP) {
                List<Object> args = new ArrayList<>();
                List<Integer> t = new ArrayList<>();
                arguments(rows.subList(from, from + GROUP), columns, types, args, t);
                batch.add(args.toArray());
                argTypes = t.stream().mapToInt(Integer::intValue).toArray();
            }
            jdbc.batchUpdate(sql(table, columns, GROUP, extraWhere), batch, argTypes);
        }
        if (full < rows.size()) {
            List<Object[]> part = rows.subList(full, rows.size());
            List<Object> args = new ArrayList<>();
            List<Integer> t = new ArrayList<>();
            arguments(part, columns, types, args, t);
            jdbc.update(sql(table, columns, part.size(), extraWhere), args.toArray(),
                    t.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private static String sql(String table, String[] columns, int n, String extraWhere) {
        StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
        for (int c = 0; c < columns.length; c++) {
            sql.append(c == 0 ? "" : ", ").append(columns[c]).append(" = CASE id");
            sql.append(" WHEN ? THEN ?".repeat(n));
            sql.append(" ELSE ").append(columns[c]).append(" END");
        }
        sql.append(" WHERE id IN (?").append(", ?".repeat(n - 1)).append(')').append(extraWhere);
        return sql.toString();
    }

    private static void arguments(List<Object[]> part, String[] columns, int[] types, List<Object> args, List<Integer> t) {
        for (int c = 0; c < columns.length; c++) {
            for (Object[] row : part) {
                args.add(row[columns.length]);
                t.add(Types.BIGINT);
                args.add(row[c]);
                t.add(types[c]);
            }
        }
        for (Object[] row : part) {
            args.add(row[columns.length]);
            t.add(Types.BIGINT);
        }
    }
}
