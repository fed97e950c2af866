package org.reskontro.common;

/** A bad value in a CSV file, naming the file, the line and the field. */
public final class CsvException extends RuntimeException {

    private final String file;
    private final int line;
    private final String field;

    public CsvException(String file, int line, String field, String reason) {
        super(file + ":" + line + (field == null ? "" : ": field '" + field + "'") + ": " + reason);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}
