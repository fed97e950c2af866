package org.reskontro.bankfile.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.reskontro.bankfile.ImportResult;
import org.reskontro.bankfile.jdbc.BankFileImporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Imports bank files one per call, each in the step's transaction of that call (one database transaction per
 * file). After the commit an imported or skipped file moves to the archive folder; a rejected one moves to the
 * rejected folder with {@code <name>.reason} beside it. The position in the file list is kept in the step's
 * execution context, so a restart continues with the file that was being imported.
 */
class ImportBankFilesTasklet implements Tasklet {

    static final String FILES = "bankfiles.files";
    static final String NEXT = "bankfiles.next";
    static final String REPORT = "bankfiles.report";
    private static final Logger log = LoggerFactory.getLogger(ImportBankFilesTasklet.class);

    private final Supplier<List<Path>> files;
    private final BankFileImporter importer;
    private final BankFileImporter.Options options;
    private final Path archive;
    private final Path rejected;
    /** The step execution whose restart recovery has run (a restart is a new step execution). */
    private Long recoveredFor;

    ImportBankFilesTasklet(Supplier<List<Path>> files, BankFileImporter importer, BankFileImporter.Options options,
                           Path archive, Path rejected) {
        this.files = files;
        this.importer = importer;
        this.options = options;
        this.archive = archive;
        this.rejected = rejected;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ExecutionContext ec = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        if (!ec.containsKey(FILES)) {
            List<String> names = new ArrayList<>();
            for (Path p : files.get()) {
                names.add(p.toAbsolutePath().toString());
            }
            ec.putString(FILES, String.join("\n", names));
        }
        String listed = ec.getString(FILES);
        List<String> list = listed.isEmpty() ? List.of() : Arrays.asList(listed.split("\n"));
        int next = ec.containsKey(NEXT) ? ec.getInt(NEXT) : 0;
        long execution = chunkContext.getStepContext().getStepExecution().getId();
        if (recoveredFor == null || recoveredFor != execution) {
            recoveredFor = execution;
            recover(ec, list, next);
        }
        if (next >= list.size()) {
            return RepeatStatus.FINISHED;
        }
        Path file = Path.of(list.get(next));
        ImportResult result;
        if (!Files.isRegularFile(file)) {
            result = new ImportResult.Rejected(file.getFileName().toString(), file + ": file not found");
        } else {
            result = importer.importFile(file, options);
        }
        report(ec, result);
        ec.putInt(NEXT, next + 1);
        if (result instanceof ImportResult.Rejected) {
            log.warn("{}", result.message());
        } else {
            log.info("{}", result.message());
        }
        moveAfterCommit(file, result);
        return next + 1 < list.size() ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }

    /**
     * Once per step execution, before its first file: a run killed after a file's commit and before its move left
     * that file in the inbox. Its import is done (same content: skipped), so it only moves now, as the
     * uninterrupted run moved it. Should a different file of the same name have arrived since, it is imported or
     * rejected here like any other, and its line goes into the step's report.
     */
    private void recover(ExecutionContext ec, List<String> list, int next) {
        for (int i = 0; i < next; i++) {
            Path done = Path.of(list.get(i));
            if (Files.isRegularFile(done)) {
                ImportResult again = importer.importFile(done, options);
                log.info("after a restart: {}", again.message());
                if (!(again instanceof ImportResult.Skipped)) {
                    report(ec, again);
                }
                moveAfterCommit(done, again);
            }
        }
    }

    private static void report(ExecutionContext ec, ImportResult result) {
        String kind = result instanceof ImportResult.Imported ? "IMPORTED"
                : result instanceof ImportResult.Skipped ? "SKIPPED" : "REJECTED";
        String line = kind + "\t" + result.message().replaceAll("\\s*\\R\\s*", " ");
        String report = ec.containsKey(REPORT) ? ec.getString(REPORT) : "";
        ec.putString(REPORT, report.isEmpty() ? line : report + "\n" + line);
    }

    /** Moves the file after the commit (archive, or rejected with its reason), or now outside a transaction. */
    private void moveAfterCommit(Path file, ImportResult result) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Runnable move = result instanceof ImportResult.Rejected r ? () -> reject(file, r.reason()) : () -> archive(file);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    move.run();
                }
            });
        } else {
            move.run();
        }
    }

    private void archive(Path file) {
        moveTo(file, archive);
    }

    private void reject(Path file, String reason) {
        Path target = moveTo(file, rejected);
        try {
            Files.writeString(target.resolveSibling(target.getFileName() + ".reason"), reason + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path moveTo(Path file, Path folder) {
        try {
            Files.createDirectories(folder);
            String name = file.getFileName().toString();
            Path target = folder.resolve(name);
            for (int i = 1; Files.exists(target); i++) {
                target = folder.resolve(name + "." + i);
            }
            try {
                return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                return Files.move(file, target);   // another file system: copy and delete
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The files waiting in a folder, in name order; hidden and partial ({@code .part}, {@code .tmp}) files wait. */
    static List<Path> inbox(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var s = Files.list(folder)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return !n.startsWith(".") && !n.endsWith(".part") && !n.endsWith(".tmp") && !n.endsWith(".reason");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
