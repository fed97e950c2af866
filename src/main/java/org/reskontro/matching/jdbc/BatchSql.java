package org.reskontro.matching.jdbc;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** Portable multi-row statements for the batched paths. */
final class BatchSql {

    private BatchSql() {
    }

    /**
     * Updates many rows by primary key in one statement per 500 rows ({@code SET c = CASE id WHEN ? THEN ? ... END
     * WHERE id IN (...)}): portable, and far cheaper than one UPDATE per row. Each row is the column values then the id.
     */
    static void updateByIds(JdbcTemplate jdbc, String table, String[] columns, List<Object[]> rows, int[] types, String extraWhere) {
        for (int from = 0; from < rows.size(); from += 500) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + 500));
            StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
            List<Object> args = new ArrayList<>();
            List<Integer> argTypes = new ArrayList<>();
            for (int c = 0; c < columns.length; c++) {
                sql.append(c == 0 ? "" : ", ").append(columns[c]).append(" = CASE id");
                for (Object[] row : part) {
                    sql.append(" WHEN ? THEN ?");
                    args.add(row[columns.length]);
                    argTypes.add(Types.BIGINT);
                    args.add(row[c]);
                    argTypes.add(types[c]);
                }
                sql.append(" ELSE ").append(columns[c]).append(" END");
            }
            sql.append(" WHERE id IN (");
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
                args.add(part.get(i)[columns.length]);
                argTypes.add(Types.BIGINT);
            }
            sql.append(')').append(extraWhere);
            int[] t = new int[argTypes.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = argTypes.get(i);
            }
            jdbc.update(sql.toString(), args.toArray(), t);
        }
    }

}
