package org.reskontro.matching.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Optional;

import org.reskontro.common.AtomicFiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly general-ledger hand-over: the batch of a business date is every exportable posting booked since the
 * last batch, by posting id rather than by date, so a posting dated in a period already handed over (a payment a
 * person assigns days after the bank booked it) is in the next batch instead of lost, and none is in two batches. The
 * batch is written to {@code journal-<date>.csv} in the export folder; running the same date again writes the same
 * range again (a restart after a crash replaces a half-written file with the whole one).
 *
 * <p>Where a batch ends must not leave out a posting that is still being written with a smaller id: ids are handed
 * out when a row is inserted, not when it commits. Every writer of postings holds its customer's lock until it
 * commits, so a new batch first takes every customer's lock (in id order, as matching does, so the two cannot
 * deadlock): then no posting is in flight, and the largest id is the end of the batch. The locks are held for as long
 * as that takes (about a second per million customers) and released before the file is written.
 */
public class JournalBatches {

    private final JdbcClient jdbc;
    private final JournalExport export;
    private final TransactionTemplate tx;

    public JournalBatches(JdbcClient jdbc, JournalExport export, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.export = export;
        this.tx = tx;
        // each statement sees what is committed when it runs, not a snapshot from before the locks were taken
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A business date's batch: postings {@code afterId < id <= upToId}, and its file. */
    public record Batch(LocalDate date, long afterId, long upToId, Path file, int lines, boolean again) {
    }

    private record Range(long afterId, long upToId, boolean again) {
    }

    /** Writes the batch of {@code date} into {@code folder}: a new one, or the same one again. */
    public Batch write(LocalDate date, Path folder) {
        Range range = tx.execute(s -> find(date).orElseGet(() -> open(date)));
        Path target = folder.resolve(fileName(date));
        int lines;
        try {
            Files.createDirectories(folder);
            lines = AtomicFiles.write(target, out -> export.exportRange(range.afterId(), range.upToId(), out));
        } catch (IOException e) {
            throw new UncheckedIOException("journal batch " + date + ": cannot write " + target, e);
        }
        jdbc.sql("UPDATE journal_export SET line_count = ? WHERE business_date = ?").params(lines, Date.valueOf(date))
                .update();
        return new Batch(date, range.afterId(), range.upToId(), target, lines, range.again());
    }

    static String fileName(LocalDate date) {
        return "journal-" + date + ".csv";
    }

    private Optional<Range> find(LocalDate date) {
        return jdbc.sql("SELECT from_posting_id, to_posting_id FROM journal_export WHERE business_date = ?")
                .param(Date.valueOf(date))
                .query((rs, i) -> new Range(rs.getLong(1), rs.getLong(2), true)).optional();
    }

    private Range open(LocalDate date) {
        // the barrier: with every customer's lock held, no posting is being written
        jdbc.sql("SELECT id FROM customer ORDER BY id FOR UPDATE").withFetchSize(10_000).query(rs -> {
        });
        // a batch another run opened while this one waited for the locks
        Optional<Range> meanwhile = find(date);
        if (meanwhile.isPresent()) {
            return meanwhile.get();
        }
        long after = jdbc.sql("SELECT COALESCE(MAX(to_posting_id), 0) FROM journal_export").query(Long.class).single();
        long upTo = Math.max(after, jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM posting").query(Long.class).single());
        jdbc.sql("""
                INSERT INTO journal_export (business_date, from_posting_id, to_posting_id, file_name)
                VALUES (?, ?, ?, ?)""")
                .params(Date.valueOf(date), after, upTo, fileName(date))
                .update();
        return new Range(after, upTo, false);
    }
}
