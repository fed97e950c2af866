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
 * reads it again and stores it in JDBC batches of {@value #BATCH}. A file that fails the first pass stores nothing;
 * a failure in the second rolls the caller's transaction back, so a crash and a rerun give the same result as one
 * uninterrupted run.
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

        // pass 2: store, in batches
        Writer writer = new Writer(fileId, survey.statements, store);
        files.parse(file, writer);
        writer.flush();
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

    /** Second pass: statements and transactions into the database. */
    private final class Writer implements BankFileHandler {
        private final long fileId;
        private final List<BankStatement> statements;
        private final List<Boolean> wanted;
        private final TransactionKeys keys = new TransactionKeys();
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

        @Override
        public void transaction(BankTransaction t) {
            BankStatement s = statements.get(index);
            if (!wanted.get(index)) {
                return;
            }
            if (statementId == null) {
                statementId = store.insertStatement(fileId, s);
                statementsStored++;
            }
            String key = keys.next(s.account(), t);
            batch.add(new BankFileStore.Row(statementId, key, t, t.reference() != null && PaymentReferences.isValid(t.reference())));
            written++;
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        @Override
        public void statement(BankStatement s) {
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
