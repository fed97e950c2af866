package org.reskontro.matching;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Strings kept as bytes in 64 KB chunks, each behind a 1- or 2-byte header (how it is stored and its length),
 * addressed by an int handle: strings of digits and a few separators (invoice numbers, KID and OCR references,
 * customer, organisation and account numbers) two characters a byte, other ASCII a character a byte, the rest as
 * UTF-8. About 30-40 bytes less per string than a {@code String} object with its array, and no object for the
 * collector to trace. Handle {@value #NULL} is null. Append-only; not thread-safe.
 */
final class StringPool {

    static final int NULL = -1;
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int ASCII = 0;
    private static final int UTF8 = 1;
    private static final int PACKED = 2;
    private static final int LONG = 0x20;
    private static final int MAX_SHORT = 0x1F;
    private static final int MAX_LONG = 0x1FFF;
    /** The sixteen characters that are stored in four bits. */
    private static final String NIBBLES = "0123456789- /.:+";
    private static final byte[] NIBBLE_OF = new byte[128];

    static {
        java.util.Arrays.fill(NIBBLE_OF, (byte) -1);
        for (int i = 0; i < NIBBLES.length(); i++) {
            NIBBLE_OF[NIBBLES.charAt(i)] = (byte) i;
        }
    }

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int pos = CHUNK;
    /** Strings too long for the header (more than {@value #MAX_LONG} characters or bytes): handle -2 - index. */
    private final List<String> tooLong = new ArrayList<>();

    int add(String s) {
        if (s == null) {
            return NULL;
        }
        int mode = PACKED;
        for (int i = 0; i < s.length() && mode != UTF8; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                mode = UTF8;
            } else if (NIBBLE_OF[c] < 0) {
                mode = ASCII;
            }
        }
        byte[] utf8 = mode == UTF8 ? s.getBytes(StandardCharsets.UTF_8) : null;
        int len = mode == UTF8 ? utf8.length : s.length();
        int size = mode == PACKED ? (len + 1) / 2 : len;
        if (len > MAX_LONG) {
            tooLong.add(s);
            return -2 - (tooLong.size() - 1);
        }
        int header = len <= MAX_SHORT ? 1 : 2;
        if (pos + header + size > CHUNK) {
            current = new byte[CHUNK];
            chunks.add(current);
            pos = 0;
        }
        int handle = ((chunks.size() - 1) << CHUNK_BITS) | pos;
        if (header == 1) {
            current[pos++] = (byte) (mode << 6 | len);
        } else {
            current[pos++] = (byte) (mode << 6 | LONG | len >>> 8);
            current[pos++] = (byte) len;
        }
        switch (mode) {
            case ASCII -> {
                for (int i = 0; i < len; i++) {
                    current[pos++] = (byte) s.charAt(i);
                }
            }
            case UTF8 -> {
                System.arraycopy(utf8, 0, current, pos, len);
                pos += len;
            }
            default -> {
                for (int i = 0; i < len; i += 2) {
                    int hi = NIBBLE_OF[s.charAt(i)];
                    int lo = i + 1 < len ? NIBBLE_OF[s.charAt(i + 1)] : 0;
                    current[pos++] = (byte) (hi << 4 | lo);
                }
            }
        }
        return handle;
    }

    String get(int handle) {
        if (handle == NULL) {
            return null;
        }
        if (handle < NULL) {
            return tooLong.get(-2 - handle);
        }
        byte[] c = chunks.get(handle >>> CHUNK_BITS);
        int p = handle & (CHUNK - 1);
        int b0 = c[p] & 0xFF;
        int mode = b0 >>> 6;
        int len = length(c, p);
        int start = p + ((b0 & LONG) == 0 ? 1 : 2);
        return switch (mode) {
            case ASCII -> new String(c, start, len, StandardCharsets.ISO_8859_1);
            case UTF8 -> new String(c, start, len, StandardCharsets.UTF_8);
            default -> {
                byte[] chars = new byte[len];
                for (int i = 0; i < len; i++) {
                    chars[i] = (byte) nibble(c, start, i);
                }
                yield new String(chars, StandardCharsets.ISO_8859_1);
            }
        };
    }

    /** True when the string behind the handle equals {@code s}, without building it unless it is UTF-8. */
    boolean equalTo(int handle, String s) {
        if (handle == NULL || s == null) {
            return handle == NULL && s == null;
        }
        if (handle < NULL) {
            return tooLong.get(-2 - handle).equals(s);
        }
        byte[] c = chunks.get(handle >>> CHUNK_BITS);
        int p = handle & (CHUNK - 1);
        int b0 = c[p] & 0xFF;
        int mode = b0 >>> 6;
        if (mode == UTF8) {
            return get(handle).equals(s);
        }
        int len = length(c, p);
        if (len != s.length()) {
            return false;
        }
        int start = p + ((b0 & LONG) == 0 ? 1 : 2);
        for (int i = 0; i < len; i++) {
            int ch = mode == ASCII ? c[start + i] & 0xFF : nibble(c, start, i);
            if (ch != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Bytes held (the chunks allocated). */
    long bytes() {
        return (long) chunks.size() * CHUNK;
    }

    private static int length(byte[] c, int p) {
        int b0 = c[p] & 0xFF;
        return (b0 & LONG) == 0 ? b0 & MAX_SHORT : (b0 & MAX_SHORT) << 8 | c[p + 1] & 0xFF;
    }

    private static char nibble(byte[] c, int start, int i) {
        int b = c[start + i / 2];
        return NIBBLES.charAt((i & 1) == 0 ? (b >>> 4) & 0xF : b & 0xF);
    }
}
