package org.reskontro.bankfile.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one bank file inside the caller's transaction in one streaming pass: a second thread parses the file
 * (see {@link PipelinedRead}) while this one, which holds the transaction, checks each statement as it arrives
 * and stores it in JDBC batches of {@value #BATCH}.
 * <p>
 * The storing runs in a nested transaction, a savepoint in the caller's: a file found bad anywhere - a format
 * error or a control total at its very end, an unbalanced statement without {@code --accept-unbalanced}, a read
 * error - is rolled back to it and stores nothing, while the caller's transaction goes on and commits the
 * {@link ImportResult.Rejected} outcome (the import step moves the file to rejected/ after the commit). A
 * statement imported before (its key stored from an earlier file, or earlier in this file) is recognised at its
 * start ({@link BankFileHandler#statementStart}) and none of its transactions is stored or counted. Everything
 * stays in the caller's one transaction, so a crash and a rerun give the same result as one uninterrupted run.
 */
public class BankFileImporter {

    static final int BATCH = 1000;

    /** Reads a bank file into a handler: {@link BankFiles#parse}; a seam for tests. */
    @FunctionalInterface
    interface Parser {
        void parse(Path file, boolean lenientTotals, BankFileHandler handler);
    }

    private final BankFileStore store;
    private final Clock clock;
    private final TransactionTemplate nested;
    private final Parser parser;

    /**
     * @param transactions the caller's transaction manager; it must allow nested transactions (savepoints), as
     *                     Spring's {@code DataSourceTransactionManager}/{@code JdbcTransactionManager} does
     */
    public BankFileImporter(BankFileStore store, ZoneId zone, Clock clock, PlatformTransactionManager transactions) {
        this(store, clock, transactions, (file, lenient, handler) -> new BankFiles(zone, lenient).parse(file, handler));
    }

    BankFileImporter(BankFileStore store, Clock clock, PlatformTransactionManager transactions, Parser parser) {
        this.store = store;
        this.clock = clock;
        this.parser = parser;
        this.nested = new TransactionTemplate(transactions);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
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
        return nested.execute(savepoint -> {
            ImportResult result = new Storing(name, sha, options).run(file);
            if (result instanceof ImportResult.Rejected) {
                savepoint.setRollbackOnly();
            }
            return result;
        });
    }

    /** A transaction read and digested on the reading thread. */
    private record Digested(BankTransaction tx, TransactionKeys.Digest digest, boolean referenceValid) {
    }

    /**
     * What the reading thread hands over, run on the storing thread: the format, a statement's start, a batch of
     * its transactions, its end; the failure that ended the reading; the end of the file (returns true).
     */
    @FunctionalInterface
    private interface Handover {
        boolean deliver(Storing to);
    }

    /**
     * Reading over the machine's two cores: a reading thread parses the file (the costly part: XML and JAXB for
     * camt), digests each transaction ({@link TransactionKeys#digest}) and checks its reference, and hands
     * batches of {@value #BATCH} over a small bounded queue to the calling thread, which alone talks to the
     * database (its connection is bound to the caller's transaction). A failure on either side stops both; the
     * reading side's is rethrown here.
     */
    private final class PipelinedRead {
        private final Path file;
        private final boolean lenientTotals;
        private final BlockingQueue<Handover> queue = new ArrayBlockingQueue<>(4);
        private volatile boolean cancelled;

        PipelinedRead(Path file, boolean lenientTotals) {
            this.file = file;
            this.lenientTotals = lenientTotals;
        }

        void into(Storing storing) {
            Thread reader = new Thread(this::read, "bankfile-read");
            reader.setDaemon(true);
            reader.start();
            try {
                while (!queue.take().deliver(storing)) {
                    // until the end of the file
                }
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
                List<String> warnings = new ArrayList<>();
                parser.parse(file, lenientTotals, new BankFileHandler() {
                    private final TransactionKeys digests = new TransactionKeys();
                    private List<Digested> batch = new ArrayList<>(BATCH);
                    private String account;

                    @Override
                    public void format(String format) {
                        hand(to -> to.format(format));
                    }

                    @Override
                    public void statementStart(BankStatement header) {
                        account = header.account();
                        hand(to -> to.start(header));
                    }

                    @Override
                    public void transaction(BankTransaction t) {
                        batch.add(new Digested(t, digests.digest(account, t),
                                t.reference() != null && PaymentReferences.isValid(t.reference())));
                        if (batch.size() >= BATCH) {
                            List<Digested> full = batch;
                            hand(to -> to.transactions(full));
                            batch = new ArrayList<>(BATCH);
                        }
                    }

                    @Override
                    public void statement(BankStatement s) {
                        List<Digested> last = batch;
                        hand(to -> to.end(last, s));
                        batch = new ArrayList<>(BATCH);
                    }

                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                });
                hand(to -> {
                    to.parserWarnings.addAll(warnings);
                    return true;
                });
            } catch (Cancelled e) {
                // the storing side stopped first; its failure is the one that counts
            } catch (RuntimeException e) {
                hand(to -> {
                    throw e;
                });
            } catch (Error e) {
                IllegalStateException failure = new IllegalStateException("reading " + file.getFileName()
                        + " failed: " + e, e);
                hand(to -> {
                    throw failure;
                });
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

    /**
     * The storing side, on the caller's thread: the checks of each statement and its rows. A statement that
     * makes the file a rejection does not stop the reading: as when the whole file was checked before storing, a
     * format error further on is the reason given.
     */
    private final class Storing {
        private final String name;
        private final String sha;
        private final Options options;
        final List<String> parserWarnings = new ArrayList<>();
        /** Warnings of the statements, in file order: accepted unbalanced statements, sequence gaps. */
        private final List<String> warnings = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        /** Each statement key of the file: the earlier file that holds it, as it was before this file. */
        private final Map<String, Optional<String>> statementKeys = new HashMap<>();
        private final Map<String, Long> lastSeq = new HashMap<>();
        private final TransactionKeys keys = new TransactionKeys();
        private String format;
        private Long fileId;
        private String rejection;
        private int statements;
        private int statementsStored;
        private long written;
        // the current statement
        private BankStatement header;
        private Optional<String> storedIn;
        private boolean skip;
        private Long statementId;
        private String sequenceWarning;

        Storing(String name, String sha, Options options) {
            this.name = name;
            this.sha = sha;
            this.options = options;
        }

        ImportResult run(Path file) {
            try {
                new PipelinedRead(file, options.acceptUnbalanced()).into(this);
            } catch (BankFileException e) {
                return new ImportResult.Rejected(name, e.getMessage());
            } catch (UncheckedIOException e) {
                return new ImportResult.Rejected(name, name + ": cannot read: " + e.getMessage());
            }
            if (rejection != null) {
                return new ImportResult.Rejected(name, rejection);
            }
            List<String> all = new ArrayList<>(parserWarnings);
            all.addAll(warnings);
            all.addAll(skipped);
            if (statementsStored == 0) {
                store.finishFile(fileId(), 0, 0, 0, String.join("; ", all));
                return new ImportResult.Skipped(name, statements == 0 ? "no statements"
                        : "every statement was imported before: " + String.join("; ", skipped));
            }
            long stored = store.storedTransactions(fileId);
            long duplicates = written - stored;
            store.finishFile(fileId, statementsStored, stored, duplicates, String.join("; ", all));
            return new ImportResult.Imported(name, format, statementsStored, stored, duplicates, all);
        }

        private long fileId() {
            if (fileId == null) {
                fileId = store.insertFile(sha, name, format, options.businessDate(), clock.instant());
            }
            return fileId;
        }

        boolean format(String f) {
            format = f;
            return false;
        }

        /** A statement begins: skip it if it was imported before; the sequence number against the last stored. */
        boolean start(BankStatement h) {
            header = h;
            statementId = null;
            sequenceWarning = null;
            boolean fresh = !statementKeys.containsKey(h.key());
            storedIn = fresh ? store.statementFile(h.key()) : statementKeys.get(h.key());
            statementKeys.putIfAbsent(h.key(), storedIn);
            skip = !fresh || storedIn.isPresent();
            if (!skip && h.sequenceNo() != null && h.account() != null) {
                // looked up before this statement is stored, so the last one stored before it
                String type = h.format().substring(0, 8);
                String acct = type + "|" + h.account();
                Long prev = lastSeq.containsKey(acct) ? lastSeq.get(acct)
                        : store.lastSequence(h.account(), type).orElse(null);
                if (prev != null && h.sequenceNo() != prev + 1) {
                    sequenceWarning = "statement " + h.id() + ": electronic sequence number " + h.sequenceNo()
                            + " follows " + prev + (h.sequenceNo() > prev + 1 ? " (gap: statements missing?)" : "");
                }
                lastSeq.put(acct, h.sequenceNo());
            }
            return false;
        }

        /** A full batch, more of the statement to come: stored under the header read so far. */
        boolean transactions(List<Digested> batch) {
            if (!skip && rejection == null) {
                if (statementId == null) {
                    statementId = store.insertStatement(fileId(), header);
                }
                insert(batch);
            }
            return false;
        }

        /** The statement's last transactions and the statement complete. */
        boolean end(List<Digested> batch, BankStatement s) {
            statements++;
            if (!s.key().equals(header.key()) || !Objects.equals(s.account(), header.account())) {
                reject(name + ": statement " + s.id() + ": its Id, ElctrncSeqNb or Acct comes after its entries (Ntry);"
                        + " ISO 20022 puts them before, and the import needs them first");
            }
            if (s.unbalanced()) {
                String m = name + ": statement " + s.id() + ": opening balance " + s.openingBalance().toPlainString()
                        + " + entries " + s.sum().toPlainString() + " = " + s.openingBalance().add(s.sum()).toPlainString()
                        + ", but the closing balance is " + s.closingBalance().toPlainString();
                if (options.acceptUnbalanced()) {
                    warnings.add(m + " (accepted)");
                } else {
                    reject(m + " (import with --accept-unbalanced to accept it)");
                }
            }
            if (skip) {
                skipped.add("statement " + s.id() + " (account " + s.account() + ") was imported before"
                        + storedIn.map(f -> " from " + f).orElse(" in this file"));
                return false;
            }
            if (rejection == null) {
                if (statementId == null) {
                    statementId = store.insertStatement(fileId(), s);
                } else {
                    store.updateStatement(statementId, s);
                }
                insert(batch);
            }
            if (sequenceWarning != null) {
                warnings.add(sequenceWarning);
            }
            statementsStored++;
            return false;
        }

        private void insert(List<Digested> batch) {
            List<BankFileStore.Row> rows = new ArrayList<>(batch.size());
            for (Digested d : batch) {
                rows.add(new BankFileStore.Row(statementId, keys.key(d.digest()), d.tx(), d.referenceValid()));
            }
            written += rows.size();
            store.insertTransactions(rows);
        }

        /** The first reason to reject the file; the reading goes on, as a format error further on comes first. */
        private void reject(String reason) {
            if (rejection == null) {
                rejection = reason;
            }
        }
    }
}
