package org.reskontro.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A corpus of bad inputs made by mutating valid bank files: truncations, flipped bytes, wrong encodings,
 * duplicated or missing records, huge fields, wrong counts and totals, 10 MB single lines, XML external entities,
 * entity expansion and deep nesting. Deterministic: the same seed file, kind and random seed give the same bytes.
 */
final class Mutants {

    /** The kinds of mutation, with how often each is drawn. */
    enum Kind {
        TRUNCATE(120), FLIP_BYTES(120), FLIP_ONE_BIT(60), INSERT_GARBAGE(60), DELETE_RANGE(60), CHANGE_DIGIT(120),
        CHANGE_TRAILER_DIGIT(100), DUPLICATE_LINE(80), DELETE_LINE(80), SWAP_LINES(40), REENCODE(60),
        WRONG_XML_ENCODING(20), HUGE_FIELD(20), TEN_MB_LINE(2), EXTERNAL_ENTITY(30), ENTITY_EXPANSION(20),
        DEEP_NESTING(15), EMPTY(10), LONG_NUMBER(40), CRLF_MIX(30), NUL_BYTES(30);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** A valid file to start from. */
    record Seed(String name, byte[] bytes) {
        boolean xml() {
            return name.endsWith(".xml");
        }
    }

    private Mutants() {
    }

    /** The small valid files of the sample data and the bank file tests (not the hostile ones). */
    static List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        for (String dir : new String[] {"sample-data/bank", "src/test/resources/bankfiles"}) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path f : files.sorted().toList()) {
                    String n = f.getFileName().toString();
                    if (n.contains("xxe") || n.contains("laughs") || n.contains("unbalanced")) {
                        continue;
                    }
                    seeds.add(new Seed(n, Files.readAllBytes(f)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seeds;
    }

    static Kind pick(Random r) {
        int total = Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();
        int x = r.nextInt(total);
        for (Kind k : Kind.values()) {
            x -= k.weight;
            if (x < 0) {
                return k;
            }
        }
        throw new IllegalStateException();
    }

    static byte[] mutate(Seed seed, Kind kind, Random r) {
        byte[] b = seed.bytes();
        int n = b.length;
        switch (kind) {
            case TRUNCATE:
                return Arrays.copyOf(b, r.nextInt(Math.max(1, n)));
            case FLIP_BYTES: {
                byte[] c = b.clone();
                int flips = 1 + r.nextInt(8);
                for (int i = 0; i < flips && n > 0; i++) {
                    c[r.nextInt(n)] = (byte) r.nextInt(256);
                }
                return c;
            }
            case FLIP_ONE_BIT: {
                byte[] c = b.clone();
                if (n > 0) {
                    int i = r.nextInt(n);
                    c[i] = (byte) (c[i] ^ (1 << r.nextInt(8)));
                }
                return c;
            }
            case INSERT_GARBAGE: {
                byte[] garbage = new byte[1 + r.nextInt(64)];
                r.nextBytes(garbage);
                return splice(b, r.nextInt(n + 1), 0, garbage);
            }
            case DELETE_RANGE: {
                int at = r.nextInt(n + 1);
                return splice(b, at, Math.min(n - at, 1 + r.nextInt(200)), new byte[0]);
            }
            case CHANGE_DIGIT:
                return changeDigit(b, 0, r);
            case CHANGE_TRAILER_DIGIT:
                return changeDigit(b, Math.max(0, n - 300), r);
            case DUPLICATE_LINE: {
                List<byte[]> lines = lines(b);
                int i = r.nextInt(lines.size());
                lines.add(i, lines.get(i));
                return join(lines);
            }
            case DELETE_LINE: {
                List<byte[]> lines = lines(b);
                if (lines.size() > 1) {
                    lines.remove(r.nextInt(lines.size()));
                }
                return join(lines);
            }
            case SWAP_LINES: {
                List<byte[]> lines = lines(b);
                int i = r.nextInt(lines.size());
                int j = r.nextInt(lines.size());
                byte[] t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
                return join(lines);
            }
            case REENCODE: {
                Charset[] charsets = {StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                        StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII, Charset.forName("IBM037")};
                String text = new String(b, StandardCharsets.UTF_8);
                byte[] re = text.getBytes(charsets[r.nextInt(charsets.length)]);
                if (r.nextBoolean()) {
                    re = splice(re, 0, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                }
                // the other direction too: ISO-8859-1 bytes read as if they were UTF-8
                return r.nextInt(3) == 0 ? new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1) : re;
            }
            case WRONG_XML_ENCODING: {
                String text = new String(b, StandardCharsets.ISO_8859_1);
                String[] names = {"EBCDIC-NONSENSE", "UTF-32", "UTF-16", "x-unknown", ""};
                String decl = "<?xml version=\"1.0\" encoding=\"" + names[r.nextInt(names.length)] + "\"?>";
                text = text.startsWith("<?xml") ? decl + text.substring(text.indexOf("?>") + 2) : decl + text;
                return text.getBytes(StandardCharsets.ISO_8859_1);
            }
            case HUGE_FIELD: {
                byte[] field = new byte[10_000 + r.nextInt(300_000)];
                byte fill = (byte) "A9 <&x".charAt(r.nextInt(6));
                Arrays.fill(field, fill);
                return splice(b, r.nextInt(n + 1), 0, field);
            }
            case TEN_MB_LINE: {
                byte[] oneLine = new String(b, StandardCharsets.ISO_8859_1).replace("\r", "").replace("\n", "")
                        .getBytes(StandardCharsets.ISO_8859_1);
                byte[] pad = new byte[10 * 1024 * 1024];
                Arrays.fill(pad, (byte) (r.nextBoolean() ? '0' : 'x'));
                return splice(oneLine, r.nextInt(oneLine.length + 1), 0, pad);
            }
            case EXTERNAL_ENTITY: {
                String[] targets = {"file:///etc/passwd", "file:///etc/hostname", "http://127.0.0.1:9/evil.dtd",
                        "jar:file:///nonexistent!/x"};
                String target = targets[r.nextInt(targets.length)];
                String doctype = r.nextBoolean()
                        ? "<!DOCTYPE Document [<!ENTITY xxe SYSTEM \"" + target + "\">]>"
                        : "<!DOCTYPE Document [<!ENTITY % p SYSTEM \"" + target + "\"> %p;]>";
                return withDoctype(b, doctype, "&xxe;", r);
            }
            case ENTITY_EXPANSION: {
                StringBuilder d = new StringBuilder("<!DOCTYPE Document [<!ENTITY l0 \"lol\">");
                for (int i = 1; i <= 9; i++) {
                    d.append("<!ENTITY l").append(i).append(" \"");
                    for (int j = 0; j < 10; j++) {
                        d.append("&l").append(i - 1).append(';');
                    }
                    d.append("\">");
                }
                d.append("]>");
                return withDoctype(b, d.toString(), "&l9;", r);
            }
            case DEEP_NESTING: {
                int depth = 5_000 + r.nextInt(100_000);
                String open = "<Ntry>".repeat(depth);
                int at = n == 0 ? 0 : indexAfterTag(b, r);
                return splice(b, at, 0, open.getBytes(StandardCharsets.US_ASCII));
            }
            case EMPTY:
                return r.nextBoolean() ? new byte[0] : "\n\n  \r\n".getBytes(StandardCharsets.US_ASCII);
            case LONG_NUMBER: {
                String digits = "9".repeat(20 + r.nextInt(400));
                return replaceDigitRun(b, digits, r);
            }
            case CRLF_MIX: {
                String t = new String(b, StandardCharsets.ISO_8859_1);
                t = r.nextBoolean() ? t.replace("\n", "\r\n") : t.replace("\n", "\r");
                return t.getBytes(StandardCharsets.ISO_8859_1);
            }
            case NUL_BYTES: {
                byte[] c = b.clone();
                for (int i = 0; i < 1 + r.nextInt(4) && n > 0; i++) {
                    c[r.nextInt(n)] = 0;
                }
                return c;
            }
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }

    private static byte[] withDoctype(byte[] b, String doctype, String reference, Random r) {
        String t = new String(b, StandardCharsets.UTF_8);
        int decl = t.startsWith("<?xml") ? t.indexOf("?>") + 2 : 0;
        t = t.substring(0, decl) + doctype + t.substring(decl);
        // put the reference into some element's text
        int gt = t.indexOf("><", decl + doctype.length() + r.nextInt(Math.max(1, t.length() / 2)));
        if (gt > 0) {
            int close = t.indexOf("</", gt);
            if (close > 0) {
                t = t.substring(0, close) + reference + t.substring(close);
            }
        }
        return t.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexAfterTag(byte[] b, Random r) {
        int start = r.nextInt(b.length);
        for (int i = start; i < b.length; i++) {
            if (b[i] == '>') {
                return i + 1;
            }
        }
        return b.length;
    }

    private static byte[] changeDigit(byte[] b, int from, Random r) {
        List<Integer> digits = new ArrayList<>();
        for (int i = from; i < b.length; i++) {
            if (b[i] >= '0' && b[i] <= '9') {
                digits.add(i);
            }
        }
        byte[] c = b.clone();
        if (digits.isEmpty()) {
            return c;
        }
        int at = digits.get(r.nextInt(digits.size()));
        byte d;
        do {
            d = (byte) ('0' + r.nextInt(10));
        } while (d == c[at]);
        c[at] = d;
        return c;
    }

    private static byte[] replaceDigitRun(byte[] b, String digits, Random r) {
        int n = b.length;
        int start = n == 0 ? 0 : r.nextInt(n);
        for (int i = start; i < n; i++) {
            if (b[i] >= '0' && b[i] <= '9') {
                int end = i;
                while (end < n && b[end] >= '0' && b[end] <= '9') {
                    end++;
                }
                return splice(b, i, end - i, digits.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return splice(b, start, 0, digits.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + insert.length);
        out.write(b, 0, at);
        out.write(insert, 0, insert.length);
        out.write(b, at + remove, b.length - at - remove);
        return out.toByteArray();
    }

    private static List<byte[]> lines(byte[] b) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                lines.add(Arrays.copyOfRange(b, start, i + 1));
                start = i + 1;
            }
        }
        if (start < b.length || lines.isEmpty()) {
            lines.add(Arrays.copyOfRange(b, start, b.length));
        }
        return lines;
    }

    private static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            out.write(l, 0, l.length);
        }
        return out.toByteArray();
    }
}
