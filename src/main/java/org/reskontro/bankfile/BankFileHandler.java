package org.reskontro.bankfile;

/**
 * Receives a bank file as it is read: its format, then per statement its transactions in file order followed by
 * the statement itself. Nothing is kept in memory by the parsers, so a handler sees files of any size.
 */
public interface BankFileHandler {

    default void format(String format) {
    }

    void transaction(BankTransaction transaction);

    void statement(BankStatement statement);

    /** Something untidy that does not make the file invalid (the import may still refuse it). */
    default void warning(String message) {
    }
}
