package org.reskontro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.reskontro.operations.config.ReskontroProperties;
import org.reskontro.operations.jdbc.LedgerInvariants;
import org.reskontro.support.CliRunner;
import org.reskontro.support.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sample story before the night (ledger imported, the sample bank files in the inbox), and a snapshot of
 * everything the nightly job writes that must come out the same after any fault and recovery.
 */
final class NightlyScenario {

    static final String DATE = "2024-04-30";

    final ConfigurableApplicationContext context;
    final CliRunner cli;
    final JdbcClient jdbc;
    final TestDatabase db;
    final ReskontroProperties.Folders folders;

    NightlyScenario(ConfigurableApplicationContext context) {
        this.context = context;
        this.cli = new CliRunner(context);
        this.jdbc = context.getBean(JdbcClient.class);
        this.db = context.getBean(TestDatabase.class);
        this.folders = context.getBean(ReskontroProperties.class).folders();
    }

    /** An empty database and folders, the sample ledger imported and the bank files delivered. */
    void prepare() {
        db.reset();
        for (Path folder : List.of(folders.inbox(), folders.archive(), folders.rejected(), folders.outbox(),
                folders.print(), folders.reports(), folders.export())) {
            deleteTree(folder);
        }
        CliRunner.Result r = cli.run("import-ledger", "--customers", "sample-data/customers.csv",
                "--invoices", "sample-data/invoices.csv", "--payments", "sample-data/payments.csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
        try {
            Files.createDirectories(folders.inbox());
            try (Stream<Path> files = Files.list(Path.of("sample-data/bank"))) {
                for (Path f : files.sorted().toList()) {
                    Files.copy(f, folders.inbox().resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CliRunner.Result nightly() {
        return cli.run("nightly", "--date", DATE);
    }

    /** Runs the nightly job until it succeeds (at most {@code max} runs); returns how many runs it took. */
    int recover(int max) {
        StringBuilder said = new StringBuilder();
        for (int i = 1; i <= max; i++) {
            CliRunner.Result r = nightly();
            if (r.exitCode() == 0) {
                return i;
            }
            said.append("\nrun ").append(i).append(": exit ").append(r.exitCode()).append(' ').append(r.out())
                    .append(r.err());
        }
        throw new AssertionError("the nightly job did not recover in " + max + " runs:" + said);
    }

    void assertVerifies() {
        assertThat(context.getBean(LedgerInvariants.class).verify().problems()).isEmpty();
    }

    /**
     * Everything that must be the same as after an uninterrupted run: no timestamps, and the database ids inside
     * idempotency keys ({@code bank-tx:<id>}, {@code /a<invoice id>/}) replaced by the natural keys, since ids
     * consumed by rolled-back inserts differ from run to run.
     */
    String snapshot() {
        java.util.Map<String, String> tx = new java.util.HashMap<>();
        jdbc.sql("SELECT id, tx_key FROM bank_transaction").query(rs -> {
            tx.put(rs.getString(1), rs.getString(2));
        });
        java.util.Map<String, String> inv = new java.util.HashMap<>();
        jdbc.sql("SELECT id, invoice_no FROM invoice").query(rs -> {
            inv.put(rs.getString(1), rs.getString(2));
        });
        java.util.Map<String, String> postings = new java.util.HashMap<>();
        jdbc.sql("SELECT id, idem_key FROM posting").query(rs -> {
            postings.put(rs.getString(1), rs.getString(2));
        });
        String raw = rawSnapshot();
        // the creditStep's keys name the payment posting by id: name it by its own key (ids differ between runs)
        raw = java.util.regex.Pattern.compile("credit:(\\d+)#").matcher(raw)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement("credit:<" + postings.getOrDefault(m.group(1),
                        "?" + m.group(1)) + ">#"));
        raw = java.util.regex.Pattern.compile("bank-tx:(\\d+)").matcher(raw)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement("bank-tx:" + tx.getOrDefault(m.group(1), "?" + m.group(1))));
        raw = java.util.regex.Pattern.compile("/a(\\d+)/").matcher(raw)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement("/a:" + inv.getOrDefault(m.group(1), "?" + m.group(1)) + "/"));
        // sort again: the natural keys order differently from the ids
        List<String> sections = new ArrayList<>();
        for (String section : raw.split("\n\n")) {
            List<String> lines = new ArrayList<>(List.of(section.split("\n")));
            lines.sort(Comparator.naturalOrder());
            sections.add(String.join("\n", lines));
        }
        return String.join("\n\n", sections);
    }

    private String rawSnapshot() {
        List<String> parts = new ArrayList<>();
        parts.add(rows("SELECT CONCAT(idem_key, '|', type, '|', amount, '|', posting_date) FROM posting"));
        parts.add(rows("SELECT CONCAT(idem_key, '|', component, '|', amount) FROM allocation"));
        parts.add(rows("""
                SELECT CONCAT(invoice_no, '|', status, '|', principal_open, '|', fee_open, '|', interest_open, '|',
                              dunning_level) FROM invoice"""));
        parts.add(rows("""
                SELECT CONCAT(t.tx_key, '|', t.match_status, '|', COALESCE(p.idem_key, '-'))
                  FROM bank_transaction t LEFT JOIN posting p ON p.id = t.posting_id"""));
        parts.add(rows("SELECT CONCAT(idem_key, '|', status, '|', channel) FROM letter"));
        parts.add(rows("SELECT idem_key FROM dunning_history"));
        parts.add(rows("SELECT CONCAT(file_name, '|', status, '|', transactions) FROM bank_file"));
        parts.add("outbox files: " + count(folders.outbox()) + ", print files: " + count(folders.print())
                + ", archived: " + count(folders.archive()) + ", inbox: " + count(folders.inbox()));
        return String.join("\n\n", parts);
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String rows(String sql) {
        List<String> rows = new ArrayList<>(jdbc.sql(sql).query(String.class).list());
        rows.sort(Comparator.naturalOrder());
        return String.join("\n", rows);
    }

    static long count(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
