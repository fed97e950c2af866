package org.reskontro.operations.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;

import org.reskontro.bankfile.BankFileHandler;
import org.reskontro.bankfile.BankFileJson;
import org.reskontro.bankfile.BankFiles;
import org.reskontro.bankfile.BankStatement;
import org.reskontro.bankfile.BankTransaction;
import org.reskontro.common.RejectedInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code reskontro parse FILE}: prints what a bank file says as JSON (docs/file-formats.md). Touches no database
 * and starts no application context.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Reads a bank file (camt.053, camt.054, Nets OCR giro, BgMax; recognised by content) and "
                + "prints its statements and transactions as JSON on stdout. Nothing is stored.",
                "A file that is not a valid bank file gives exit code 2 and one error line on stderr."})
class ParseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The bank file.")
    Path file;

    @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "Europe/Oslo",
            description = "The company's time zone for camt date-times with an offset (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Spec
    CommandSpec spec;

    ParseCommand() {
    }

    ParseCommand(Services services) {
        // parse never uses the services: no context, no database
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new RejectedInputException(file + ": file not found");
        }
        // The JSON goes to a temporary file first so a file rejected half-way prints nothing on stdout.
        Path tmp = Files.createTempFile("reskontro-parse", ".json");
        try {
            long[] warnings = {0};
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                BankFileJson json = new BankFileJson(w);
                PrintWriter err = spec.commandLine().getErr();
                new BankFiles(zone).parse(file, new BankFileHandler() {
                    @Override
                    public void format(String format) {
                        json.format(format);
                    }

                    @Override
                    public void transaction(BankTransaction t) {
                        json.transaction(t);
                    }

                    @Override
                    public void statement(BankStatement s) {
                        json.statement(s);
                        if (s.unbalanced()) {
                            err.println("reskontro: warning: " + file.getFileName() + ": statement " + s.id()
                                    + ": opening balance " + s.openingBalance().toPlainString() + " + entries "
                                    + s.sum().toPlainString() + " does not equal closing balance "
                                    + s.closingBalance().toPlainString());
                            warnings[0]++;
                        }
                    }

                    @Override
                    public void warning(String message) {
                        err.println("reskontro: warning: " + message);
                    }
                });
                json.finish();
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Reader r = Files.newBufferedReader(tmp, StandardCharsets.UTF_8)) {
                char[] buf = new char[1 << 15];
                int n;
                while ((n = r.read(buf)) > 0) {
                    out.write(buf, 0, n);
                }
            }
            out.flush();
            spec.commandLine().getErr().flush();
            return Cli.OK;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
