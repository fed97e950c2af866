package org.reskontro.bankfile;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** A whole bank file in memory, for tests. */
record Parsed(String format, List<BankStatement> statements, List<List<BankTransaction>> transactions,
              List<String> warnings) {

    static Parsed of(Path file) {
        return of(file, false);
    }

    static Parsed of(Path file, boolean lenient) {
        List<BankStatement> statements = new ArrayList<>();
        List<List<BankTransaction>> txs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String[] format = {null};
        List<BankTransaction> current = new ArrayList<>();
        new BankFiles(ZoneId.of("Europe/Oslo"), lenient).parse(file, new BankFileHandler() {
            @Override
            public void format(String f) {
                format[0] = f;
            }

            @Override
            public void transaction(BankTransaction t) {
                current.add(t);
            }

            @Override
            public void statement(BankStatement s) {
                statements.add(s);
                txs.add(List.copyOf(current));
                current.clear();
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        });
        return new Parsed(format[0], statements, txs, warnings);
    }

    List<BankTransaction> all() {
        return transactions.stream().flatMap(List::stream).toList();
    }

    List<String> amounts() {
        return all().stream().map(t -> t.amount().toPlainString()).toList();
    }
}
