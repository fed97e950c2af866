package org.reskontro.bankfile;

/**
 * Receives a bank file as it is read: its format, then per statement its start, its transactions in file order
 * and the statement itself. Nothing is kept in memory by the parsers, so a handler sees files of any size.
 */
public interface BankFileHandler {

    default void format(String format) {
    }

    /**
     * A statement begins: called once per statement, before its first transaction (or just before
     * {@link #statement} when it has none), with its header as far as it has been read: the count, the sum and
     * fields the file gives only at the statement's end may be missing (camt: 0, 0; OCR: also the settlement date
     * of record 88; BgMax reads a whole section first and gives it complete).
     * Its format, key, id and account are final, except in a camt file that places {@code Id},
     * {@code ElctrncSeqNb} or {@code Acct} after the statement's entries, which ISO 20022 does not allow.
     */
    default void statementStart(BankStatement header) {
    }

    void transaction(BankTransaction transaction);

    /** The statement ends: its header in full, with the count and signed sum of its transactions. */
    void statement(BankStatement statement);

    /** Something untidy that does not make the file invalid (the import may still refuse it). */
    default void warning(String message) {
    }
}
