package org.reskontro.bankfile.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.reskontro.bankfile.BankFileException;
import org.reskontro.bankfile.BankFileHandler;
import org.reskontro.bankfile.BankFiles;
import org.reskontro.bankfile.BankStatement;
import org.reskontro.bankfile.BankTransaction;
import org.reskontro.bankfile.ImportResult;
import org.reskontro.bankfile.TransactionKeys;
import org.reskontro.common.Hashes;
import org.reskontro.ledger.PaymentReferences;

/**
 * Imports one bank file inside the caller's transaction, in two streaming passes: the first reads the whole file
 * and checks it (format, control totals, balances, statements seen before) without writing anything; the second
 * reads it again on a second thread while this one stores it in JDBC batches of {@value #BATCH} (see
 * {@link PipelinedRead}). A file that fails the first pass stores nothing; a failure in the second rolls the caller's
 * transaction back, so a crash and a rerun give the same result as one uninterrupted run.
 */
public class BankFileImporter {

    static final int BATCH = 1000;

    private final BankFileStore store;
    private final ZoneId zone;
    private final Clock clock;

    public BankFileImporter(BankFileStore store, ZoneId zone, Clock clock) {
        this.store = store;
        this.zone = zone;
        this.clock = clock;
    }

    /** How to import. */
    public record Options(boolean acceptUnbalanced, LocalDate businessDate) {
    }

    public ImportResult importFile(Path file, Options options) {
        String name = file.getFileName().toString();
        String sha;
        try {
            sha = Hashes.sha256(file);
        } catch (IOException e) {
            return new ImportResult.Rejected(name, name + ": cannot read: " + e.getMessage());
        }
        Optional<String> before = store.fileBySha(sha);
        if (before.isPresent()) {
            return new ImportResult.Skipped(name, "the same file (same content) was imported before as " + before.get());
        }
        BankFiles files = new BankFiles(zone, options.acceptUnbalanced());

        // pass 1: read and check everything, write nothing
        Survey survey = new Survey();
        try {
            files.parse(file, survey);
        } catch (BankFileException e) {
            return new ImportResult.Rejected(name, e.getMessage());
        } catch (UncheckedIOException e) {
            return new ImportResult.Rejected(name, name + ": cannot read: " + e.getMessage());
        }
        List<String> warnings = new ArrayList<>(survey.warnings);
        List<Boolean> store = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Map<String, Long> lastSeq = new HashMap<>();
        for (BankStatement s : survey.statements) {
            if (s.unbalanced()) {
                String m = name + ": statement " + s.id() + ": opening balance " + s.openingBalance().toPlainString()
                        + " + entries " + s.sum().toPlainString() + " = " + s.openingBalance().add(s.sum()).toPlainString()
                        + ", but the closing balance is " + s.closingBalance().toPlainString();
                if (!options.acceptUnbalanced()) {
                    return new ImportResult.Rejected(name, m + " (import with --accept-unbalanced to accept it)");
                }
                warnings.add(m + " (accepted)");
            }
            boolean fresh = keys.add(s.key());
            Optional<String> seen = this.store.statementFile(s.key());
            if (!fresh || seen.isPresent()) {
                skipped.add("statement " + s.id() + " (account " + s.account() + ") was imported before"
                        + seen.map(f -> " from " + f).orElse(" in this file"));
                store.add(false);
                continue;
            }
            store.add(true);
            if (s.sequenceNo() != null && s.account() != null) {
                String type = s.format().substring(0, 8);
                String acct = type + "|" + s.account();
                Long prev = lastSeq.containsKey(acct) ? lastSeq.get(acct)
                        : this.store.lastSequence(s.account(), type).orElse(null);
                if (prev != null && s.sequenceNo() != prev + 1) {
                    warnings.add("statement " + s.id() + ": electronic sequence number " + s.sequenceNo()
                            + " follows " + prev + (s.sequenceNo() > prev + 1 ? " (gap: statements missing?)" : ""));
                }
                lastSeq.put(acct, s.sequenceNo());
            }
        }
        warnings.addAll(skipped);
        long fileId = this.store.insertFile(sha, name, survey.format, options.businessDate(), clock.instant());
        if (!store.contains(true)) {
            this.store.finishFile(fileId, 0, 0, 0, String.join("; ", warnings));
            return new ImportResult.Skipped(name, survey.statements.isEmpty() ? "no statements"
                    : "every statement was imported before: " + String.join("; ", skipped));
        }

        // pass 2: read again on a second thread, store here (this thread holds the transaction), in batches
        Writer writer = new Writer(fileId, survey.statements, store);
        new PipelinedRead(files, file, survey.statements, store).into(writer);
        long stored = this.store.storedTransactions(fileId);
        long duplicates = writer.written - stored;
        this.store.finishFile(fileId, writer.statementsStored, stored, duplicates, String.join("; ", warnings));
        return new ImportResult.Imported(name, survey.format, writer.statementsStored, stored, duplicates, warnings);
    }

    /** First pass: the statements (small: headers only) and warnings. */
    private static final class Survey implements BankFileHandler {
        String format;
        final List<BankStatement> statements = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        @Override
        public void format(String f) {
            format = f;
        }

        @Override
        public void transaction(BankTransaction t) {
        }

        @Override
        public void statement(BankStatement s) {
            statements.add(s);
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    }

    /** A transaction of the second pass, read and keyed on the reading thread. */
    private record Keyed(BankTransaction tx, String key, boolean referenceValid) {
    }

    /**
     * What the reading thread hands over: a batch of transactions of the current statement, then (statement =
     * true) the end of that statement; or the failure that ended the reading; or the end of the file.
     */
    private record Handover(List<Keyed> batch, boolean statementEnd, RuntimeException failure, boolean end) {
        static final Handover END = new Handover(List.of(), false, null, true);
    }

    /**
     * The second pass as a pipeline over the machine's two cores: a reading thread parses the file (the costly
     * part: XML and JAXB for camt), builds each transaction's key and checks its reference, and hands batches of
     * {@value #BATCH} over a small bounded queue to the calling thread, which alone talks to the database (its
     * connection is bound to the caller's transaction). A failure on either side stops both and is rethrown here.
     */
    private static final class PipelinedRead {
        private final BankFiles files;
        private final Path file;
        private final List<BankStatement> statements;
        private final List<Boolean> wanted;
        private final BlockingQueue<Handover> queue = new ArrayBlockingQueue<>(4);
        private volatile boolean cancelled;

        PipelinedRead(BankFiles files, Path file, List<BankStatement> statements, List<Boolean> wanted) {
            this.files = files;
            this.file = file;
            this.statements = statements;
            this.wanted = wanted;
        }

        void into(Writer writer) {
            Thread reader = new Thread(this::read, "bankfile-read");
            reader.setDaemon(true);
            reader.start();
            try {
                while (true) {
                    Handover h = queue.take();
                    if (h.failure() != null) {
                        throw h.failure();
                    }
                    if (h.end()) {
                        break;
                    }
                    writer.transactions(h.batch());
                    if (h.statementEnd()) {
                        writer.statementEnd();
                    }
                }
                writer.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while importing " + file.getFileName(), e);
            } finally {
                cancelled = true;
                queue.clear();
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void read() {
            try {
                files.parse(file, new BankFileHandler() {
                    private final TransactionKeys keys = new TransactionKeys();
                    private List<Keyed> batch = new ArrayList<>(BATCH);
                    private int index;

                    @Override
                    public void transaction(BankTransaction t) {
                        if (!wanted.get(index)) {
                            return;
                        }
                        batch.add(new Keyed(t, keys.next(statements.get(index).account(), t),
                                t.reference() != null && PaymentReferences.isValid(t.reference())));
                        if (batch.size() >= BATCH) {
                            hand(new Handover(batch, false, null, false));
                            batch = new ArrayList<>(BATCH);
                        }
                    }

                    @Override
                    public void statement(BankStatement s) {
                        hand(new Handover(batch, true, null, false));
                        batch = new ArrayList<>(BATCH);
                        index++;
                    }
                });
                hand(Handover.END);
            } catch (Cancelled e) {
                // the storing side stopped first; its failure is the one that counts
            } catch (RuntimeException e) {
                hand(new Handover(List.of(), false, e, false));
            } catch (Error e) {
                hand(new Handover(List.of(), false, new IllegalStateException("reading " + file.getFileName()
                        + " failed: " + e, e), false));
            }
        }

        private void hand(Handover h) {
            try {
                while (!queue.offer(h, 100, TimeUnit.MILLISECONDS)) {
                    if (cancelled) {
                        throw new Cancelled();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            }
        }
    }

    /** Ends the reading thread when the storing side has stopped. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    /** Second pass, storing side: statements and transactions into the database. */
    private final class Writer {
        private final long fileId;
        private final List<BankStatement> statements;
        private final List<Boolean> wanted;
        private final List<BankFileStore.Row> batch = new ArrayList<>(BATCH);
        private int index;
        private Long statementId;
        long written;
        int statementsStored;

        Writer(long fileId, List<BankStatement> statements, List<Boolean> wanted) {
            this.fileId = fileId;
            this.statements = statements;
            this.wanted = wanted;
        }

        void transactions(List<Keyed> keyed) {
            if (keyed.isEmpty()) {
                return;
            }
            if (statementId == null) {
                statementId = store.insertStatement(fileId, statements.get(index));
                statementsStored++;
            }
            for (Keyed k : keyed) {
                batch.add(new BankFileStore.Row(statementId, k.key(), k.tx(), k.referenceValid()));
                written++;
                if (batch.size() >= BATCH) {
                    flush();
                }
            }
        }

        void statementEnd() {
            if (wanted.get(index) && statementId == null) {
                store.insertStatement(fileId, statements.get(index));
                statementsStored++;
            }
            statementId = null;
            flush();
            index++;
        }

        void flush() {
            store.insertTransactions(batch);
            batch.clear();
        }
    }
}
