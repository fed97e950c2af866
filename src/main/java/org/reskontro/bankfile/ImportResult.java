package org.reskontro.bankfile;

import java.util.List;

/** What importing one bank file did. */
public sealed interface ImportResult {

    /** The file's name. */
    String file();

    /** One line for people. */
    String message();

    /** Stored; {@code duplicates} transactions were stored before from an overlapping file and left out. */
    record Imported(String file, String format, int statements, long transactions, long duplicates,
                    List<String> warnings) implements ImportResult {
        @Override
        public String message() {
            return file + ": imported " + format + ", " + statements + " statement(s), " + transactions
                    + " transaction(s)" + (duplicates > 0 ? ", " + duplicates + " already stored from another file" : "")
                    + (warnings.isEmpty() ? "" : "; warnings: " + String.join("; ", warnings));
        }
    }

    /** Nothing stored: the same file or all its statements were imported before. */
    record Skipped(String file, String reason) implements ImportResult {
        @Override
        public String message() {
            return file + ": skipped, " + reason;
        }
    }

    /** Nothing stored: bad input or a statement that does not reconcile. */
    record Rejected(String file, String reason) implements ImportResult {
        @Override
        public String message() {
            return reason;
        }
    }
}
