package org.reskontro.bankfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;

import org.reskontro.common.JsonText;

/**
 * Writes a bank file as the JSON of {@code reskontro parse} (docs/file-formats.md), streaming: each statement's
 * transactions first, then its header fields (JSON objects are unordered).
 */
public final class BankFileJson implements BankFileHandler {

    private final Writer out;
    private boolean inStatement;
    private boolean firstStatement = true;
    private boolean firstTx;

    public BankFileJson(Writer out) {
        this.out = out;
    }

    @Override
    public void format(String format) {
        write("{\"format\":" + str(format) + ",\"statements\":[");
    }

    @Override
    public void transaction(BankTransaction t) {
        if (!inStatement) {
            write((firstStatement ? "" : ",") + "\n{\"transactions\":[");
            firstStatement = false;
            inStatement = true;
            firstTx = true;
        }
        write((firstTx ? "\n" : ",\n") + "{\"amount\":" + dec(t.amount()) + ",\"currency\":" + str(t.currency())
                + ",\"bookingDate\":" + date(t.bookingDate()) + ",\"valueDate\":" + date(t.valueDate())
                + ",\"reference\":" + str(t.reference()) + ",\"endToEndId\":" + str(t.endToEndId())
                + ",\"bankReference\":" + str(t.bankReference()) + ",\"payerName\":" + str(t.payerName())
                + ",\"payerAccount\":" + str(t.payerAccount()) + ",\"text\":" + str(t.text())
                + ",\"reversal\":" + t.reversal() + "}");
        firstTx = false;
    }

    @Override
    public void statement(BankStatement s) {
        if (!inStatement) {
            write((firstStatement ? "" : ",") + "\n{\"transactions\":[");
            firstStatement = false;
        }
        write("],\"id\":" + str(s.id()) + ",\"account\":" + str(s.account()) + ",\"currency\":" + str(s.currency())
                + ",\"openingBalance\":" + dec(s.openingBalance()) + ",\"closingBalance\":" + dec(s.closingBalance())
                + "}");
        inStatement = false;
    }

    /** Closes the JSON object (call once, after the parse). */
    public void finish() {
        write("\n]}\n");
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dec(BigDecimal d) {
        return d == null ? "null" : "\"" + d.toPlainString() + "\"";
    }

    private static String date(LocalDate d) {
        return d == null ? "null" : "\"" + d + "\"";
    }

    static String str(String s) {
        return JsonText.quote(s);
    }
}
