package org.reskontro.operations.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import com.prowidesoftware.swift.model.mx.MxCamt05300102;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.reskontro.bankfile.BankFileHandler;
import org.reskontro.bankfile.BankFiles;
import org.reskontro.bankfile.BankStatement;
import org.reskontro.bankfile.BankTransaction;
import org.reskontro.bankfile.ImportResult;
import org.reskontro.bankfile.jdbc.BankFileImporter;
import org.reskontro.common.RejectedInputException;
import org.reskontro.dunning.batch.DunningRun;
import org.reskontro.ledger.Country;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.CustomerType;
import org.reskontro.ledger.Language;
import org.reskontro.letters.DunningLetter;
import org.reskontro.letters.LetterTemplates;
import org.reskontro.letters.mail.LetterMessages;
import org.reskontro.letters.mail.SmtpSockets;
import org.reskontro.letters.render.LetterRenderer;
import org.reskontro.matching.BankPayment;
import org.reskontro.matching.SyntheticLedger;
import org.reskontro.matching.batch.MatchJobConfiguration;
import org.reskontro.operations.batch.JobRunner;
import org.reskontro.operations.bench.BankFileWriters;
import org.reskontro.operations.bench.BenchLedger;
import org.reskontro.operations.bench.HeapMeter;
import org.reskontro.operations.config.ReskontroProperties;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code reskontro bench all}: every stage of a nightly run at size, each with its work, wall time, rate and peak
 * heap, and prowide's whole-document parse of the same camt.053 file as the baseline. See docs/performance.md.
 */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = {"Generates a seeded ledger of M open invoices and bank files of K transactions (camt.053, "
                + "camt.054, Nets OCR giro), then measures: parsing, prowide's whole-document parse (baseline), import + "
                + "match into the configured database, the dunning run, and letters (HTML, PDF, .eml or SMTP).",
                "Needs an empty database or one holding only an earlier benchmark, which it replaces. "
                        + "See docs/performance.md."})
class BenchAllCommand implements Callable<Integer> {

    private static final LocalDate MATCH_DATE = LocalDate.of(2024, 4, 30);
    private static final double MB = 1024.0 * 1024.0;
    /** The camt.053 that is imported and matched when it is not the parsed one, and that --ledger-only writes. */
    private static final String IMPORT_FILE = BenchLedger.FILE_PREFIX + "-import-camt053.xml";
    /** Invoices generated at a time: at most this many are held, with their customers and payments. */
    private static final int CHUNK = 100_000;

    private final Services services;

    @Option(names = "--transactions", defaultValue = "100000", paramLabel = "K",
            description = "Bank transactions per file (100000).")
    long transactions;

    @Option(names = "--invoices", defaultValue = "100000", paramLabel = "M",
            description = "Open invoices in the ledger, and the synthetic payments generated for them (100000).")
    int invoices;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the generated files (a temporary folder).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (42).")
    long seed;

    @Option(names = "--letters", defaultValue = "5000", paramLabel = "N",
            description = "HTML letters to render (5000); a tenth of them as PDF and as messages.")
    int letters;

    @Option(names = "--dunning-date", defaultValue = "2024-06-30", paramLabel = "YYYY-MM-DD",
            description = "Business date of the dunning run, when the invoices are overdue (2024-06-30).")
    LocalDate dunningDate;

    @Option(names = "--dunning-apply-seconds", defaultValue = "120", paramLabel = "S",
            description = "Stop the applying dunning run after S seconds (120; 0 = no limit): it renders every letter.")
    int dunningApplySeconds;

    @Option(names = "--smtp-port", paramLabel = "P",
            description = "Also send the messages to the SMTP server at 127.0.0.1:P (after writing them as .eml files).")
    Integer smtpPort;

    @Option(names = "--import-transactions", paramLabel = "N",
            description = "Transactions in the file imported and matched (default K): the first N of the same stream.")
    Long importTransactions;

    /*
     * prowide's whole-document parse needs about 4.5 times the file in heap, so at 256 MB it fits a camt.053 of 20,000
     * transactions (11 MB), not one of 1,000,000 (551 MB): the ratio is measured again on a file of this size.
     */
    @Option(names = "--baseline-transactions", defaultValue = "20000", paramLabel = "N",
            description = "When K is larger, also compare both parsers on a camt.053 of the first N transactions, a size "
                    + "where prowide's whole-document parse fits in the heap (20000; 0 = no).")
    long baselineSmall;

    @Option(names = "--camt053-only", description = "Write and parse only the camt.053 file (not camt.054 and OCR).")
    boolean camt053Only;

    @Option(names = "--skip-db", description = "Only the file stages (generate, parse, baseline) and the letters.")
    boolean skipDb;

    @Option(names = "--import-match-only",
            description = "Only generate, write the camt.053 and the ledger, then import + match (no parse-only, baseline, "
                    + "dunning or letter stages): for iterating on the import and matching speed.")
    boolean importMatchOnly;

    @Option(names = "--ledger-only", description = "Only generate and write the ledger of M invoices, then stop "
            + "and write the camt.053 of N transactions (--import-transactions, default K) into --out (give this run a larger "
            + "heap for M = 1000000; measure it with --reuse-ledger).")
    boolean ledgerOnly;

    @Option(names = "--reuse-ledger", description = "Use the benchmark ledger already in the database (written by "
            + "--ledger-only): only dunning evaluate, dunning apply (every overdue customer escalates) and the letters; with "
            + "--import-match-only, only the import + match of the camt.053 that --ledger-only wrote into the same --out.")
    boolean reuseLedger;

    @Spec
    CommandSpec spec;

    private PrintWriter w;

    BenchAllCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws Exception {
        if (transactions < 1 || invoices < 1 || letters < 10) {
            throw new RejectedInputException("--transactions and --invoices must be at least 1, --letters at least 10");
        }
        w = spec.commandLine().getOut();
        Path dir = out != null ? Files.createDirectories(out) : Files.createTempDirectory("reskontro-bench");
        w.printf("bench all: K=%d transactions, M=%d invoices, seed %d, max heap %.0f MB, %d cores, files in %s%n",
                transactions, invoices, seed, HeapMeter.maxHeap() / MB, Runtime.getRuntime().availableProcessors(), dir);
        w.println("peak heap: sampled = used heap sampled every 10 ms after a GC at the stage start; "
                + "pools = sum of the heap pools' peak usage (reset at the stage start; an upper bound, garbage included)");
        w.flush();

        BenchLedger bench = skipDb ? null : services.bean(BenchLedger.class);
        if (bench != null && !bench.onlyBench()) {
            throw new RejectedInputException("the database holds a real ledger; run the benchmark against an empty "
                    + "database (e.g. RESKONTRO_DB_URL=jdbc:mariadb://127.0.0.1:3306/reskontro_bench)");
        }

        if (reuseLedger) {
            if (bench == null || bench.invoiceCount() == 0) {
                throw new RejectedInputException("--reuse-ledger needs a benchmark ledger in the database (--ledger-only)");
            }
            w.printf("reusing the benchmark ledger in the database: %d open invoices%n", bench.invoiceCount());
            if (importMatchOnly) {
                Path file = dir.resolve(IMPORT_FILE);
                if (!Files.exists(file)) {
                    throw new RejectedInputException("--reuse-ledger --import-match-only imports " + file
                            + ", which --ledger-only writes: give both runs the same --out");
                }
                importAndMatch(file, bench);
                w.flush();
                return Cli.OK;
            }
            dunningEvaluate();
            dunningApply();
            letters(dir);
            w.flush();
            return Cli.OK;
        }

        // ---- generate, and write the files and the ledger, chunk by chunk (not measured against the targets)
        Path camt053 = dir.resolve(BenchLedger.FILE_PREFIX + "-camt053.xml");
        Path camt054 = dir.resolve(BenchLedger.FILE_PREFIX + "-camt054.xml");
        Path ocr = dir.resolve(BenchLedger.FILE_PREFIX + "-ocr.txt");
        boolean compareSmall = baselineSmall > 0 && transactions > baselineSmall;
        Path smallCamt053 = dir.resolve(BenchLedger.FILE_PREFIX + "-camt053-" + baselineSmall + ".xml");
        if (ledgerOnly && bench == null) {
            throw new RejectedInputException("--ledger-only writes the ledger: it cannot be combined with --skip-db");
        }
        long importCount = importTransactions == null ? transactions : importTransactions;
        List<Feed> feeds = new ArrayList<>();
        if (!ledgerOnly) {
            feeds.add(new Feed(BankFileWriters.camtSink(camt053, false), transactions));
            if (!importMatchOnly && compareSmall) {
                feeds.add(new Feed(BankFileWriters.camtSink(smallCamt053, false), baselineSmall));
            }
            if (!camt053Only && !importMatchOnly) {
                feeds.add(new Feed(BankFileWriters.camtSink(camt054, true), transactions));
                feeds.add(new Feed(BankFileWriters.ocrSink(ocr), transactions));
            }
        }
        Path importFile = camt053;
        if (ledgerOnly || importCount != transactions) {
            // the file that is imported and matched; with --ledger-only, the one a later --reuse-ledger
            // --import-match-only imports (at a smaller heap)
            importFile = dir.resolve(IMPORT_FILE);
            feeds.add(new Feed(BankFileWriters.camtSink(importFile, false), importCount));
        }
        generateAndWrite(bench, feeds);
        if (ledgerOnly) {
            return Cli.OK;
        }
        if (importMatchOnly && bench != null) {
            importAndMatch(importFile, bench);
            w.flush();
            return Cli.OK;
        }

        // ---- parse only, and the baseline
        BankFiles files = new BankFiles(services.bean(ReskontroProperties.class).timeZone());
        Parsed ours053 = null;
        for (Path f : camt053Only ? List.of(camt053) : List.of(camt053, camt054, ocr)) {
            Parsed p = parseOurs(files, f, "parse " + (f == camt053 ? "camt.053" : f == camt054 ? "camt.054" : "Nets OCR"));
            if (f == camt053) {
                ours053 = p;
            }
        }
        baseline(camt053, "", ours053);
        if (compareSmall) {
            // the same comparison at a size where prowide's parse fits in the heap, so that the ratio is measured
            // in every run; both parsers are warm by now
            Parsed small = parseOurs(files, smallCamt053, "parse camt.053 (" + baselineSmall + ")");
            baseline(smallCamt053, " (" + baselineSmall + ")", small);
        }
        if (bench != null) {
            dunningEvaluate(); // over all M open invoices, before any is paid
            importAndMatch(importFile, bench);
        }

        // ---- import + match
        if (bench != null) {
            dunningApply();
        }
        letters(dir);
        w.flush();
        return Cli.OK;
    }

    /** A bank file being written and the number of transactions it still takes. */
    private static final class Feed {
        final BankFileWriters.Sink sink;
        final long wanted;

        Feed(BankFileWriters.Sink sink, long wanted) {
            this.sink = sink;
            this.wanted = wanted;
        }

        boolean wants() {
            return sink.count() < wanted;
        }
    }

    /**
     * The generate, write files and write ledger stages, interleaved: the ledger is generated in chunks of
     * {@link #CHUNK} invoices, and each chunk is written to the database and its payments to every file before the
     * next is generated, so that 1,000,000 invoices fit in 256 MB. When a file takes more transactions than the
     * ledger has payments, the ledger is generated again (not written again) and its payments repeated with new ids.
     */
    private void generateAndWrite(BenchLedger bench, List<Feed> feeds) {
        HeapMeter heap = HeapMeter.start();
        long start = System.nanoTime();
        long[] nanos = new long[3]; // generate, write files, write ledger
        long[] counts = new long[3]; // customers, invoices, payments (of the ledger, round 0)
        long statementId = 0;
        if (bench != null) {
            bench.wipe();
            statementId = bench.start();
            nanos[2] += System.nanoTime() - start;
        }
        long sid = statementId;
        long round = 0;
        long[] position = new long[1];
        do {
            long r = round;
            long[] mark = {System.nanoTime()};
            SyntheticLedger.generateInChunks(invoices, seed, CHUNK, chunk -> {
                long t1 = System.nanoTime();
                nanos[0] += t1 - mark[0];
                if (r == 0) {
                    counts[0] += chunk.customers().size();
                    counts[1] += chunk.invoices().size();
                    counts[2] += chunk.payments().size();
                    if (bench != null) {
                        bench.writeChunk(sid, chunk);
                    }
                }
                long t2 = System.nanoTime();
                nanos[2] += t2 - t1;
                for (SyntheticLedger.Payment p : chunk.payments()) {
                    position[0]++;
                    BankPayment copy = BankFileWriters.copy(p.tx(), position[0], r);
                    for (Feed f : feeds) {
                        if (f.wants()) {
                            f.sink.accept(copy);
                        }
                    }
                }
                mark[0] = System.nanoTime();
                nanos[1] += mark[0] - t2;
            });
            round++;
        } while (counts[2] > 0 && feeds.stream().anyMatch(Feed::wants));
        long t = System.nanoTime();
        StringBuilder files = new StringBuilder();
        long written = 0;
        for (Feed f : feeds) {
            f.sink.close();
            written += f.sink.count();
            try {
                files.append(files.length() == 0 ? "" : ", ").append(f.sink.file().getFileName()).append(' ')
                        .append(f.sink.count()).append(String.format(" (%.0f MB)", Files.size(f.sink.file()) / MB));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        nanos[1] += System.nanoTime() - t;
        double total = seconds(start);
        String interleaved = String.format("in chunks of %d invoices, interleaved with the next stages", CHUNK);
        part("generate", String.format("ledger of %d customers, %d invoices, %d payments %s%s", counts[0], counts[1],
                counts[2], interleaved, round > 1 ? ", generated " + round + " times to repeat the payments" : ""),
                nanos[0] / 1e9, counts[1] * round, "invoices");
        part("write files", (files.length() == 0 ? "none" : files) + " transactions", nanos[1] / 1e9, written,
                "transactions");
        if (bench != null) {
            part("write ledger", "wiped the database, wrote customers, invoices, postings and payment history",
                    nanos[2] / 1e9, counts[1], "invoices");
        }
        line("generate+write", "the three stages above together", total, counts[1], "invoices", heap);
        heap.close();
    }

    /** Our streaming parse of one file: its wall time and sampled peak heap. */
    private record Parsed(double seconds, long heap) {
    }

    private Parsed parseOurs(BankFiles files, Path f, String stage) {
        HeapMeter heap = HeapMeter.start();
        long t = System.nanoTime();
        long[] n = new long[1];
        files.parse(f, new BankFileHandler() {
            @Override
            public void transaction(BankTransaction tx) {
                n[0]++;
            }

            @Override
            public void statement(BankStatement s) {
            }
        });
        double s = seconds(t);
        line(stage, "streaming parser, " + n[0] + " transactions", s, n[0], "transactions", heap);
        Parsed parsed = new Parsed(s, heap.sampledPeak());
        heap.close();
        return parsed;
    }

    private void baseline(Path camt053, String label, Parsed ours) {
        HeapMeter heap = HeapMeter.start();
        long t = System.nanoTime();
        String outcome;
        long entries = 0;
        long size = 0;
        try {
            size = Files.size(camt053);
            String xml = Files.readString(camt053);
            MxCamt05300102 mx = MxCamt05300102.parse(xml);
            xml = null;
            for (var stmt : mx.getBkToCstmrStmt().getStmt()) {
                entries += stmt.getNtry().size();
            }
            outcome = "prowide MxCamt05300102.parse(String) of the file read whole, " + entries + " entries";
        } catch (OutOfMemoryError e) {
            outcome = "prowide MxCamt05300102.parse(String): OutOfMemoryError (" + e.getMessage() + ") at max heap "
                    + Math.round(HeapMeter.maxHeap() / MB) + " MB";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double s = seconds(t);
        line("baseline camt.053" + label, outcome, s, entries, "transactions", heap);
        if (entries > 0) {
            w.printf("baseline ratio%s: prowide whole-document parse takes %.2fx the time and %.2fx the peak heap "
                            + "(sampled) of the streaming parser (%.0f MB file: %.0f vs %.0f MB)%n", label,
                    s / ours.seconds(), (double) heap.sampledPeak() / Math.max(1, ours.heap()), size / MB,
                    heap.sampledPeak() / MB, ours.heap() / MB);
        } else {
            w.printf("baseline ratio%s: prowide whole-document parse did not finish (out of memory on the %.0f MB file);"
                    + " the streaming parser read the same file in %.1f s with a peak heap of %.0f MB%n", label,
                    size / MB, ours.seconds(), ours.heap() / MB);
        }
        w.flush();
        heap.close();
    }

    private void importAndMatch(Path camt053, BenchLedger bench) {
        BankFileImporter importer = services.bean(BankFileImporter.class);
        TransactionTemplate tx = new TransactionTemplate(services.bean(PlatformTransactionManager.class));
        HeapMeter heap = HeapMeter.start();
        long t = System.nanoTime();
        ImportResult r = tx.execute(s -> importer.importFile(camt053,
                new BankFileImporter.Options(false, MATCH_DATE)));
        double importSeconds = seconds(t);
        if (!(r instanceof ImportResult.Imported imported)) {
            throw new IllegalStateException("the benchmark's camt.053 was not imported: " + r.message());
        }
        line("import camt.053", "BankFileImporter (one streaming pass, one transaction), " + imported.transactions()
                + " transactions stored", importSeconds, imported.transactions(), "transactions", heap);
        heap.close();

        Job job = services.bean(MatchJobConfiguration.JOB_NAME, Job.class);
        heap = HeapMeter.start();
        t = System.nanoTime();
        JobRunner.Outcome outcome = services.bean(JobRunner.class).run(job, new JobParametersBuilder()
                .addLocalDate("date", MATCH_DATE)
                .addLong("run", System.currentTimeMillis())
                .toJobParameters());
        double matchSeconds = seconds(t);
        if (!(outcome instanceof JobRunner.Outcome.Completed)) {
            throw new IllegalStateException("the matchJob did not complete: " + outcome);
        }
        line("match", "matchJob over the imported transactions (index load included): " + String.join(", ",
                bench.statusCounts()), matchSeconds, imported.transactions(), "transactions", heap);
        double total = importSeconds + matchSeconds;
        w.printf("stage import+match: %d transactions against %d open invoices in %.2f s = %.0f transactions/s "
                + "end to end%n", imported.transactions(), invoices, total, imported.transactions() / total);
        w.flush();
        heap.close();
    }

    private void dunningEvaluate() {
        DunningRun run = services.bean(DunningRun.class);
        HeapMeter heap = HeapMeter.start();
        long t = System.nanoTime();
        DunningRun.Summary dry = run.run(dunningDate, true, d -> { });
        line("dunning evaluate", "dry run on " + dunningDate + " over the ledger before matching (every invoice open): "
                + dry, seconds(t), dry.invoices, "invoices evaluated", heap);
        heap.close();
    }

    private void dunningApply() {
        DunningRun run = services.bean(DunningRun.class);
        HeapMeter heap = HeapMeter.start();
        long t0 = System.nanoTime();
        long[] done = new long[2]; // customers changed, their invoices
        String work;
        String ledgerState = reuseLedger ? "over the unmatched ledger (every overdue customer escalates)" : "after matching";
        try {
            DunningRun.Summary applied = run.run(dunningDate, false, d -> {
                done[0]++;
                done[1] += d.items().size();
                if (dunningApplySeconds > 0 && seconds(t0) > dunningApplySeconds) {
                    throw new BudgetSpent();
                }
            });
            work = "run on " + dunningDate + " " + ledgerState + " (customers that change are applied under their lock, "
                    + "their letters rendered into the outbox): " + applied + "; " + done[0] + " customers changed with "
                    + done[1] + " invoices";
        } catch (BudgetSpent e) {
            work = "run on " + dunningDate + " " + ledgerState + ", stopped after the --dunning-apply-seconds budget of "
                    + dunningApplySeconds + " s (what committed stays; a rerun continues): " + done[0]
                    + " customers changed with " + done[1] + " invoices";
        }
        double s = seconds(t0);
        line("dunning apply", work, s, done[0], "customers changed (letters)", heap);
        w.printf("stage dunning apply: %d invoices of changed customers applied in %.2f s = %.0f invoices/s%n", done[1], s,
                done[1] / Math.max(s, 1e-9));
        w.flush();
        heap.close();
    }

    /** Stops the applying dunning run when its time budget is spent. */
    private static final class BudgetSpent extends RuntimeException {
        BudgetSpent() {
            super("time budget spent", null, false, false);
        }
    }

    private void letters(Path dir) throws Exception {
        LetterRenderer renderer = services.bean(LetterRenderer.class);
        List<DunningLetter> sample = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sample.add(letter(i));
        }
        for (int i = 0; i < 20; i++) { // warm-up, not measured
            renderer.pdf(renderer.html(sample.get(i)));
        }
        HeapMeter heap = HeapMeter.start();
        long t = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < letters; i++) {
            bytes += renderer.html(sample.get(i % sample.size())).length();
        }
        line("letters HTML", String.format("%d letters rendered with Thymeleaf (%.1f KB each)", letters,
                bytes / 1024.0 / letters), seconds(t), letters, "letters", heap);
        heap.close();

        int threads = Runtime.getRuntime().availableProcessors();
        heap = HeapMeter.start();
        t = System.nanoTime();
        long parallelBytes = parallel(threads, letters, i -> (long) renderer.html(sample.get(i % sample.size())).length());
        line("letters HTML on " + threads + " threads", String.format("%d letters rendered with Thymeleaf (%.1f KB each) "
                + "on a pool of %d threads, as the dunning run renders its letters", letters,
                parallelBytes / 1024.0 / letters, threads), seconds(t), letters, "letters", heap);
        heap.close();

        int pdfs = Math.max(1, letters / 10);
        List<String> htmls = new ArrayList<>();
        for (DunningLetter l : sample) {
            htmls.add(renderer.html(l));
        }
        heap = HeapMeter.start();
        t = System.nanoTime();
        bytes = 0;
        for (int i = 0; i < pdfs; i++) {
            bytes += renderer.pdf(htmls.get(i % htmls.size())).length;
        }
        line("letters PDF", String.format("%d PDFs of the HTML with openhtmltopdf (%.1f KB each)", pdfs,
                bytes / 1024.0 / pdfs), seconds(t), pdfs, "letters", heap);
        heap.close();
        heap = HeapMeter.start();
        t = System.nanoTime();
        parallelBytes = parallel(threads, pdfs, i -> (long) renderer.pdf(htmls.get(i % htmls.size())).length);
        line("letters PDF on " + threads + " threads", String.format("%d PDFs of the HTML with openhtmltopdf (%.1f KB each) "
                + "on a pool of %d threads", pdfs, parallelBytes / 1024.0 / pdfs, threads), seconds(t), pdfs, "letters", heap);
        heap.close();

        LetterMessages messages = services.bean(LetterMessages.class);
        List<LetterMessages.Parts> parts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            DunningLetter l = sample.get(i);
            String html = renderer.html(l);
            parts.add(new LetterMessages.Parts("bench:" + i, l.email(), renderer.subject(l), renderer.text(l), html,
                    renderer.pdf(html), LetterMessages.attachmentName(l.language().name().toLowerCase(), l.level(),
                            l.customerNo(), l.letterDate())));
        }
        int count = Math.max(1, letters / 10);
        deliver(messages, parts, count, Files.createDirectories(dir.resolve("outbox")), null);
        if (smtpPort != null) {
            deliver(messages, parts, count, null, smtpPort);
        }
    }

    /** Builds {@code count} messages and writes them as .eml files into {@code outbox}, or sends them over SMTP. */
    private void deliver(LetterMessages messages, List<LetterMessages.Parts> parts, int count, Path outbox, Integer port)
            throws Exception {
        Properties props = new Properties();
        SmtpSockets.noDelay(props, "smtp"); // as the product's SMTP sessions are made
        Session session = Session.getInstance(props);
        Instant sentAt = Instant.parse("2024-06-30T06:00:00Z");
        HeapMeter heap = HeapMeter.start();
        long t = System.nanoTime();
        Transport transport = null;
        try {
            if (port != null) {
                transport = session.getTransport("smtp");
                transport.connect("127.0.0.1", port, null, null);
            }
            for (int i = 0; i < count; i++) {
                LetterMessages.Parts p = parts.get(i % parts.size());
                MimeMessage m = messages.build(session, new LetterMessages.Parts(p.idemKey() + ":" + i, p.recipient(),
                        p.subject(), p.text(), p.html(), p.pdf(), p.attachmentName()), sentAt);
                if (transport != null) {
                    transport.sendMessage(m, m.getAllRecipients());
                } else {
                    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(outbox.resolve("letter-" + i + ".eml")),
                            64 * 1024)) { // as EmlGateway writes them
                        m.writeTo(o);
                    }
                }
            }
        } finally {
            if (transport != null) {
                transport.close();
            }
        }
        line(port != null ? "letters SMTP" : "letters eml", count + " messages (text + HTML + PDF attachment, "
                + "rendered beforehand) " + (port != null ? "sent over one connection to 127.0.0.1:" + port
                : "written as .eml files to " + outbox), seconds(t), count, "letters", heap);
        heap.close();
    }

    /** Runs {@code work(0..count-1)} on a pool of {@code threads}; returns the sum of what it returned. */
    private static long parallel(int threads, int count, java.util.function.IntFunction<Long> work) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Long>> parts = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int first = k;
                parts.add(pool.submit(() -> {
                    long sum = 0;
                    for (int i = first; i < count; i += threads) {
                        sum += work.apply(i);
                    }
                    return sum;
                }));
            }
            long sum = 0;
            for (java.util.concurrent.Future<Long> f : parts) {
                sum += f.get();
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    private static DunningLetter letter(int i) {
        boolean se = i % 3 == 2;
        int level = 1 + i % 3;
        LocalDate date = LocalDate.of(2024, 6, 30);
        List<DunningLetter.Item> items = new ArrayList<>();
        for (int k = 0; k <= i % 4; k++) {
            items.add(new DunningLetter.Item("2024-" + String.format("%07d", i * 4 + k), LocalDate.of(2024, 3, 1 + k),
                    LocalDate.of(2024, 3, 15 + k), se ? "000100190000000375" : "00010001000000038",
                    BigDecimal.valueOf(100_000 + i * 731L + k * 97L, 2),
                    level >= 2 ? new BigDecimal("35.00") : BigDecimal.ZERO.setScale(2),
                    level >= 3 ? new BigDecimal("12.33") : BigDecimal.ZERO.setScale(2), level));
        }
        String no = String.valueOf(100_000 + i);
        return new DunningLetter(no, "Kunde " + no + (se ? " AB" : " AS"),
                new Customer.PostalAddress("Bryggen " + (i + 1), "5003", "Bergen"), "kunde" + no + "@example.no",
                se ? Language.SV : Language.NB, se ? Country.SE : Country.NO, CustomerType.BUSINESS, level,
                LetterTemplates.forLevel(level), date, date.plusDays(14), se ? "SEK" : "NOK", items,
                level >= 3 ? new DunningLetter.InterestNotice(new BigDecimal("12.50"), LocalDate.of(2024, 3, 16)) : null,
                level == 3, DunningLetter.Channel.EMAIL);
    }

    private void line(String stage, String work, double seconds, long count, String unit, HeapMeter heap) {
        double cpu = heap.cpuSeconds();
        w.printf("stage %s: %s; %.2f s = %.0f %s/s; JVM cpu %.2f s (%.0f %s per cpu-second); peak heap %.0f MB sampled, "
                        + "%.0f MB pools%n", stage, work, seconds, count / Math.max(seconds, 1e-9), unit, cpu,
                count / Math.max(cpu, 1e-9), unit, heap.sampledPeak() / MB, heap.poolPeak() / MB);
        w.flush();
    }

    /** A stage measured inside a larger one: its own wall time; CPU and peak heap are the larger stage's. */
    private void part(String stage, String work, double seconds, long count, String unit) {
        w.printf("stage %s: %s; %.2f s = %.0f %s/s (JVM cpu and peak heap: see stage generate+write)%n", stage, work,
                seconds, count / Math.max(seconds, 1e-9), unit);
        w.flush();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

}
