package org.reskontro.bankfile;

import org.reskontro.common.RejectedInputException;

/** A bank file that cannot be read: the message names the file, the line or entry, and the reason. */
public class BankFileException extends RejectedInputException {

    public BankFileException(String message) {
        super(message);
    }
}
