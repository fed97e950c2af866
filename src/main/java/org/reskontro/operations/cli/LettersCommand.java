package org.reskontro.operations.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import jakarta.mail.Session;
import org.reskontro.common.RejectedInputException;
import org.reskontro.ledger.Country;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.CustomerType;
import org.reskontro.ledger.Language;
import org.reskontro.letters.DunningLetter;
import org.reskontro.letters.LetterSafety;
import org.reskontro.letters.LetterTemplates;
import org.reskontro.letters.batch.SendLettersJobConfiguration;
import org.reskontro.letters.jdbc.LetterPreviewQuery;
import org.reskontro.letters.jdbc.LetterStore;
import org.reskontro.letters.mail.LetterMessages;
import org.reskontro.letters.render.LetterRenderer;
import org.reskontro.operations.batch.JobRunner;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reskontro letters ...}: preview, send and look after the letters of the outbox. */
@Command(name = "letters", mixinStandardHelpOptions = true,
        description = "Dunning letters: preview a customer's letter, send what is pending, look after stuck letters.",
        subcommands = {LettersCommand.Preview.class, LettersCommand.Send.class, LettersCommand.Requeue.class,
                LettersCommand.Confirm.class, LettersCommand.Bench.class})
class LettersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code letters preview}: the letter of a customer's open items, for template authors. */
    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = {"Writes the letter a customer would get, built from the customer's open items (they need "
                    + "not be overdue), using the templates in config/templates and the jar.",
                    "Nothing is stored or sent."})
    static class Preview implements Callable<Integer> {
        private final Services services;

        @Option(names = "--customer", required = true, paramLabel = "NO", description = "Customer number.")
        String customer;

        @Option(names = "--level", paramLabel = "N",
                description = "Dunning level 1-4 (default: the highest level of the items, at least 1).")
        Integer level;

        @Option(names = "--format", defaultValue = "html", paramLabel = "FORMAT",
                description = "html (default), text, pdf or eml (the whole e-mail with the PDF attached).")
        String format;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Where to write it (default: letter-<customer>-level<N>.<format> here).")
        Path out;

        @Spec
        CommandSpec spec;

        Preview(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws Exception {
            if (level != null && (level < 1 || level > 4)) {
                throw new RejectedInputException("--level must be 1, 2, 3 or 4 (got " + level + ")");
            }
            if (!List.of("html", "text", "pdf", "eml").contains(format)) {
                throw new RejectedInputException("unknown format '" + format + "' (html, text, pdf or eml)");
            }
            LocalDate today = LocalDate.now(services.bean(Clock.class));
            DunningLetter letter;
            try {
                letter = services.bean(LetterPreviewQuery.class).letter(customer, level, today)
                        .orElseThrow(() -> new RejectedInputException("no customer with number " + customer));
            } catch (IllegalArgumentException e) {
                throw new RejectedInputException(e.getMessage());
            }
            LetterRenderer renderer = services.bean(LetterRenderer.class);
            byte[] content = switch (format) {
                case "html" -> renderer.html(letter).getBytes(StandardCharsets.UTF_8);
                case "text" -> renderer.text(letter).getBytes(StandardCharsets.UTF_8);
                case "pdf" -> renderer.pdf(renderer.html(letter));
                default -> eml(letter, renderer, services.bean(LetterMessages.class), services.bean(Clock.class));
            };
            Path target = out != null ? out
                    : Path.of("letter-" + LetterSafety.fileNamePart(customer) + "-level" + letter.level() + "."
                    + ("text".equals(format) ? "txt" : format));
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            Files.write(target, content);
            PrintWriter w = spec.commandLine().getOut();
            w.printf("Wrote the level %d letter (%s, %s, %s) of customer %s to %s%n", letter.level(),
                    letter.language().code(), renderer.templateName(letter, "html"), letter.channel(),
                    letter.customerNo(), target);
            w.flush();
            return Cli.OK;
        }

        private static byte[] eml(DunningLetter letter, LetterRenderer renderer, LetterMessages messages, Clock clock)
                throws Exception {
            var r = renderer.render(letter);
            var parts = new LetterMessages.Parts("preview:" + letter.customerNo() + ":" + letter.level(),
                    letter.channel() == DunningLetter.Channel.EMAIL ? letter.email() : null, r.subject(), r.text(),
                    r.html(), r.pdf(), LetterMessages.attachmentName(letter.language().code(), letter.level(),
                    letter.customerNo(), letter.letterDate()));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            messages.build(Session.getInstance(new Properties()), parts, clock.instant()).writeTo(bytes);
            return bytes.toByteArray();
        }
    }

    /** {@code letters send}: the sendLettersJob. */
    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Sends the pending letters that are due: by SMTP when spring.mail.host is set, else as "
                    + ".eml files in the outbox folder; letters for print go to the print folder as PDF.",
                    "Letters that failed for a passing reason are tried again by a later run."})
    static class Send implements Callable<Integer> {
        private final Services services;

        @Spec
        CommandSpec spec;

        Send(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            Clock clock = services.bean(Clock.class);
            Job job = services.bean(SendLettersJobConfiguration.JOB_NAME, Job.class);
            JobParametersBuilder params = new JobParametersBuilder()
                    .addLocalDate("date", LocalDate.now(clock))
                    .addString("run", java.util.UUID.randomUUID().toString()); // every send is a new run
            JobRunner.Outcome outcome = services.bean(JobRunner.class).run(job, params.toJobParameters());
            PrintWriter out = spec.commandLine().getOut();
            int code = Outcomes.report(outcome, out, spec.commandLine().getErr());
            if (outcome instanceof JobRunner.Outcome.Completed c) {
                for (StepExecution s : c.execution().getStepExecutions()) {
                    var ctx = s.getExecutionContext();
                    if (ctx.containsKey("sent")) {
                        out.printf("Letters: %d sent, %d printed, %d refused by the mail server and printed, "
                                        + "%d to be tried again, %d failed (via %s)%n", ctx.getInt("sent"),
                                ctx.getInt("printed"), ctx.getInt("bounced"), ctx.getInt("deferred"),
                                ctx.getInt("failed"), ctx.getString("channel"));
                        if ("true".equals(ctx.getString("interrupted"))) {
                            out.println("The mail server could not be reached: the remaining letters stay pending "
                                    + "for the next run.");
                        }
                    }
                }
            }
            List<LetterStore.Attention> attention = services.bean(LetterStore.class).needingAttention();
            if (!attention.isEmpty()) {
                out.printf("%n%d letter(s) need a person (see docs/letters.md):%n", attention.size());
                for (LetterStore.Attention a : attention) {
                    out.printf("  letter %d, customer %s, %s, %s %s%s%n", a.id(), a.customerNo(), a.status(),
                            a.recipient() == null ? "" : a.recipient(), a.messageId() == null ? "" : a.messageId(),
                            a.lastError() == null ? "" : " - " + a.lastError());
                }
                out.println("  SENDING: the run stopped, or the connection broke, while handing it to the mail server, "
                        + "so it may or may not have arrived. Check the server's log "
                        + "for its Message-ID, then 'reskontro letters confirm --id N' if it went out or "
                        + "'reskontro letters requeue --id N' to send it again.");
            }
            out.flush();
            return code;
        }
    }

    /** {@code letters requeue --id N}. */
    @Command(name = "requeue", mixinStandardHelpOptions = true,
            description = "Puts a SENDING or FAILED letter back to PENDING: the next 'letters send' sends it (with the "
                    + "same Message-ID).")
    static class Requeue implements Callable<Integer> {
        private final Services services;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "The letter's id.")
        long id;

        @Spec
        CommandSpec spec;

        Requeue(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            if (!services.bean(LetterStore.class).requeue(id)) {
                throw new RejectedInputException("letter " + id + " is not SENDING or FAILED; nothing changed");
            }
            spec.commandLine().getOut().printf("Letter %d is pending again.%n", id);
            spec.commandLine().getOut().flush();
            return Cli.OK;
        }
    }

    /** {@code letters confirm --id N}. */
    @Command(name = "confirm", mixinStandardHelpOptions = true,
            description = "Records that a SENDING letter did reach the mail server (seen in its log): it becomes SENT.")
    static class Confirm implements Callable<Integer> {
        private final Services services;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "The letter's id.")
        long id;

        @Spec
        CommandSpec spec;

        Confirm(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            if (!services.bean(LetterStore.class).confirmSent(id, null, services.bean(Clock.class).instant())) {
                throw new RejectedInputException("letter " + id + " is not SENDING; nothing changed");
            }
            spec.commandLine().getOut().printf("Letter %d is recorded as sent.%n", id);
            spec.commandLine().getOut().flush();
            return Cli.OK;
        }
    }

    /** {@code letters bench --count N}: rendering speed. */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Measures rendering speed: N letters as HTML and text, then N as PDF (nothing is stored).")
    static class Bench implements Callable<Integer> {
        private final Services services;

        @Option(names = "--count", defaultValue = "2000", paramLabel = "N", description = "Letters (default ${DEFAULT-VALUE}).")
        int count;

        @Spec
        CommandSpec spec;

        Bench(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            if (count < 1) {
                throw new RejectedInputException("--count must be at least 1");
            }
            LetterRenderer renderer = services.bean(LetterRenderer.class);
            List<DunningLetter> letters = new ArrayList<>();
            Language[] languages = Language.values();
            for (int i = 0; i < count; i++) {
                letters.add(sample(i, languages[i % languages.length], 1 + i % 4));
            }
            PrintWriter out = spec.commandLine().getOut();
            // warm up the template cache and the JIT: one full pass, and some PDFs
            for (DunningLetter l : letters) {
                renderer.text(l);
                renderer.html(l);
            }
            for (int i = 0; i < Math.min(300, count); i++) {
                renderer.pdf(renderer.html(letters.get(i)));
            }
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long[] wall = new long[4];
            long[] used = new long[4];
            wall[0] = System.nanoTime();
            used[0] = cpu.getCurrentThreadCpuTime();
            List<String> html = new ArrayList<>(count);
            for (DunningLetter l : letters) {
                html.add(renderer.html(l));
            }
            wall[1] = System.nanoTime();
            used[1] = cpu.getCurrentThreadCpuTime();
            long chars = 0;
            for (DunningLetter l : letters) {
                chars += renderer.text(l).length();
            }
            wall[2] = System.nanoTime();
            used[2] = cpu.getCurrentThreadCpuTime();
            long bytes = 0;
            for (String h : html) {
                bytes += renderer.pdf(h).length;
            }
            wall[3] = System.nanoTime();
            used[3] = cpu.getCurrentThreadCpuTime();
            out.printf("%d letters (nb, sv, en; levels 1-4; 3 invoices each), one thread, after a warm-up pass%n", count);
            String row = "  %-5s %7.2f s wall = %6.0f letters/s; CPU %.3f ms a letter = %6.0f letters/s per core%n";
            String[] names = {"HTML", "text", "PDF"};
            for (int i = 0; i < 3; i++) {
                double w = (wall[i + 1] - wall[i]) / 1e9;
                double c = (used[i + 1] - used[i]) / 1e9;
                out.printf(row, names[i], w, count / w, c * 1000 / count, count / c);
            }
            out.printf("  average PDF %d KB; wall-clock rates depend on what else the machine runs, CPU rates do not%n",
                    bytes / 1024 / count);
            out.flush();
            return Cli.OK;
        }

        private static DunningLetter sample(int i, Language language, int level) {
            boolean se = language == Language.SV;
            LocalDate date = LocalDate.of(2024, 4, 30);
            List<DunningLetter.Item> items = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                items.add(new DunningLetter.Item("2024-" + (100 + i * 3 + k), date.minusDays(60), date.minusDays(30 - k),
                        "0001" + String.format("%010d", i * 3 + k) + "7", new BigDecimal(1000 + i % 977 * 13 + k).setScale(2),
                        level >= 2 ? new BigDecimal("35.00") : BigDecimal.ZERO.setScale(2),
                        level >= 3 ? new BigDecimal("42.17") : BigDecimal.ZERO.setScale(2), level));
            }
            return new DunningLetter(String.valueOf(20000 + i), "Kunde " + i + " AS",
                    new Customer.PostalAddress("Gate " + i, "0155", "Oslo"), "kunde" + i + "@example.no", language,
                    se ? Country.SE : Country.NO, CustomerType.BUSINESS, level, LetterTemplates.forLevel(level), date,
                    date.plusDays(14), se ? "SEK" : "NOK", items,
                    level >= 3 ? new DunningLetter.InterestNotice(new BigDecimal("12.50"), date.minusDays(29)) : null,
                    level == 3, DunningLetter.Channel.EMAIL);
        }
    }
}
