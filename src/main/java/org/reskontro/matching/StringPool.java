package org.reskontro.matching;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Strings kept as bytes in 64 KB chunks, each behind a 1- or 2-byte header (length, and whether the bytes are ASCII
 * or UTF-8), addressed by an int handle: about 25 bytes less per string than a {@code String} object with its
 * array, and no object for the collector to trace. Handle {@value #NULL} is null. Append-only; not thread-safe.
 */
final class StringPool {

    static final int NULL = -1;
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MAX_SHORT = 0x3F;
    private static final int MAX_LONG = 0x3FFF;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int pos = CHUNK;
    /** Strings too long for a chunk (longer than {@value #MAX_LONG} bytes): handle -2 - index. */
    private final List<String> tooLong = new ArrayList<>();

    int add(String s) {
        if (s == null) {
            return NULL;
        }
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        byte[] bytes = ascii ? null : s.getBytes(StandardCharsets.UTF_8);
        int len = ascii ? s.length() : bytes.length;
        if (len > MAX_LONG) {
            tooLong.add(s);
            return -2 - (tooLong.size() - 1);
        }
        int header = len <= MAX_SHORT ? 1 : 2;
        if (pos + header + len > CHUNK) {
            current = new byte[CHUNK];
            chunks.add(current);
            pos = 0;
        }
        int handle = ((chunks.size() - 1) << CHUNK_BITS) | pos;
        int flag = ascii ? 0 : 0x80;
        if (header == 1) {
            current[pos++] = (byte) (flag | len);
        } else {
            current[pos++] = (byte) (flag | 0x40 | (len >>> 8));
            current[pos++] = (byte) len;
        }
        if (ascii) {
            for (int i = 0; i < len; i++) {
                current[pos++] = (byte) s.charAt(i);
            }
        } else {
            System.arraycopy(bytes, 0, current, pos, len);
            pos += len;
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
        int len = (b0 & 0x40) == 0 ? b0 & MAX_SHORT : ((b0 & MAX_SHORT) << 8) | (c[p + 1] & 0xFF);
        int start = p + ((b0 & 0x40) == 0 ? 1 : 2);
        return new String(c, start, len, (b0 & 0x80) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** True when the string behind the handle equals {@code s}, without building it when it is ASCII. */
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
        if ((b0 & 0x80) != 0) {
            return get(handle).equals(s);
        }
        int len = (b0 & 0x40) == 0 ? b0 & MAX_SHORT : ((b0 & MAX_SHORT) << 8) | (c[p + 1] & 0xFF);
        if (len != s.length()) {
            return false;
        }
        int start = p + ((b0 & 0x40) == 0 ? 1 : 2);
        for (int i = 0; i < len; i++) {
            if ((c[start + i] & 0xFF) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Bytes held (the chunks allocated). */
    long bytes() {
        return (long) chunks.size() * CHUNK;
    }
}
