package org.reskontro.bankfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;

/** Reads any supported bank file, recognised by its content (never by its name). */
public final class BankFiles {

    /** The families of formats reskontro reads. */
    public enum Kind { CAMT, NETS_OCR_GIRO, BGMAX }

    private final ZoneId zone;
    private final boolean lenientTotals;

    /** @param zone the company's time zone: camt date-times with an offset are converted to it */
    public BankFiles(ZoneId zone) {
        this(zone, false);
    }

    /**
     * @param lenientTotals OCR/BgMax control totals and counts that disagree with the contents give a warning
     *                      instead of a rejection ({@code import --accept-unbalanced})
     */
    public BankFiles(ZoneId zone, boolean lenientTotals) {
        this.zone = zone;
        this.lenientTotals = lenientTotals;
    }

    /** Recognises the format from the first bytes; a file of none of them is rejected. */
    public static Kind detect(Path file) {
        byte[] head = new byte[64];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new BankFileException(file + ": file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        String s = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (s.startsWith("\u00ef\u00bb\u00bf")) {
            s = s.substring(3);
        }
        String trimmed = s.stripLeading();
        if (trimmed.startsWith("<")) {
            return Kind.CAMT;
        }
        if (s.startsWith("NY")) {
            return Kind.NETS_OCR_GIRO;
        }
        if (s.startsWith("01BGMAX")) {
            return Kind.BGMAX;
        }
        if (n == 0) {
            throw new BankFileException(file.getFileName() + ": empty file");
        }
        throw new BankFileException(file.getFileName()
                + ": not a bank file (neither camt.053/054 XML, Nets OCR giro nor BgMax)");
    }

    /** Reads the file into the handler, streaming. Bad input throws {@link BankFileException}. */
    public Kind parse(Path file, BankFileHandler handler) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        Kind kind = detect(file);
        try {
            switch (kind) {
                case CAMT -> new CamtParser(zone).parse(file, name, handler);
                case NETS_OCR_GIRO -> new NetsOcrParser(lenientTotals).parse(file, name, handler);
                case BGMAX -> new BgMaxParser(lenientTotals).parse(file, name, handler);
                default -> throw new IllegalStateException();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
        return kind;
    }
}
