package org.reskontro.common;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming reader of comma-separated files (RFC 4180: quoted fields, doubled quotes, quoted line breaks)
 * with a header row. Reads one record at a time, so any file size is fine.
 */
public final class CsvReader implements Closeable {

    private final BufferedReader in;
    private final String fileName;
    private final Map<String, Integer> columns = new HashMap<>();
    private int line;
    private int recordLine;

    public CsvReader(Reader reader, String fileName) throws IOException {
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        this.fileName = fileName;
        List<String> header = readFields();
        if (header == null) {
            throw new CsvException(fileName, 1, null, "the file is empty (a header row is required)");
        }
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim().toLowerCase(Locale.ROOT);
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            columns.putIfAbsent(name, i);
        }
    }

    /** Fails with a clear message when a required column is missing from the header. */
    public void require(String... names) {
        for (String name : names) {
            if (!columns.containsKey(name)) {
                throw new CsvException(fileName, 1, name, "missing column '" + name + "' in the header row");
            }
        }
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    public String fileName() {
        return fileName;
    }

    /** The next record, or null at the end of the file. Blank lines are skipped. */
    public Row next() throws IOException {
        while (true) {
            List<String> fields = readFields();
            if (fields == null) {
                return null;
            }
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            return new Row(fields, recordLine);
        }
    }

    private List<String> readFields() throws IOException {
        String text = in.readLine();
        if (text == null) {
            return null;
        }
        line++;
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i >= text.length()) {
                if (quoted) {
                    String more = in.readLine();
                    if (more == null) {
                        throw new CsvException(fileName, recordLine, null, "a quoted field is not closed before the end of the file");
                    }
                    line++;
                    field.append('\n');
                    text = more;
                    i = 0;
                    continue;
                }
                fields.add(field.toString());
                return fields;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** One record; values are looked up by column name and trimmed. */
    public final class Row {
        private final List<String> fields;
        private final int line;

        Row(List<String> fields, int line) {
            this.fields = fields;
            this.line = line;
        }

        public int line() {
            return line;
        }

        /** The trimmed value, or the empty string when the column is absent or the row is short. */
        public String get(String column) {
            Integer index = columns.get(column);
            if (index == null || index >= fields.size()) {
                return "";
            }
            return fields.get(index).trim();
        }

        public String required(String column) {
            String value = get(column);
            if (value.isEmpty()) {
                throw error(column, "is empty");
            }
            return value;
        }

        public CsvException error(String column, String reason) {
            return new CsvException(fileName, line, column, reason);
        }
    }
}
