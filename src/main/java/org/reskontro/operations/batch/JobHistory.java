package org.reskontro.operations.batch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Recent job executions from the Spring Batch job repository, newest first, with their step counts. */
public class JobHistory {

    private final JdbcClient jdbc;
    private final Clock clock;

    public JobHistory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One job execution as listed by {@code reskontro jobs}. */
    public record Run(long executionId, String jobName, String status, String exitCode, LocalDateTime started,
                      Duration duration, long read, long written, long skipped, String parameters) {
    }

    public List<Run> recent(int limit) {
        return jdbc.sql("""
                SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE, e.START_TIME, e.END_TIME,
                       (SELECT COALESCE(SUM(s.READ_COUNT), 0) FROM BATCH_STEP_EXECUTION s
                         WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID) AS READ_COUNT,
                       (SELECT COALESCE(SUM(s.WRITE_COUNT), 0) FROM BATCH_STEP_EXECUTION s
                         WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID) AS WRITE_COUNT,
                       (SELECT COALESCE(SUM(s.READ_SKIP_COUNT + s.WRITE_SKIP_COUNT + s.PROCESS_SKIP_COUNT), 0)
                          FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID) AS SKIP_COUNT
                  FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                 ORDER BY e.JOB_EXECUTION_ID DESC
                 LIMIT :limit""")
                .param("limit", limit)
                .query((rs, n) -> {
                    long id = rs.getLong(1);
                    Timestamp start = rs.getTimestamp(5);
                    Timestamp end = rs.getTimestamp(6);
                    Duration d = start == null ? Duration.ZERO
                            : Duration.between(start.toLocalDateTime(),
                            end == null ? LocalDateTime.now(clock) : end.toLocalDateTime());
                    return new Run(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            start == null ? null : start.toLocalDateTime(), d, rs.getLong(7), rs.getLong(8),
                            rs.getLong(9), parameters(id));
                })
                .list();
    }

    private String parameters(long executionId) {
        return String.join(" ", jdbc.sql("""
                SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS
                 WHERE JOB_EXECUTION_ID = ? AND IDENTIFYING = 'Y' ORDER BY PARAMETER_NAME""")
                .param(executionId)
                .query((rs, n) -> rs.getString(1) + "=" + rs.getString(2))
                .list());
    }
}
