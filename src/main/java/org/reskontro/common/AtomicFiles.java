package org.reskontro.common;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Text files written whole or not at all: into {@code <name>.tmp} beside the target, then moved over it in one
 * step, so a reader (or a restart after a crash) never sees half a file and a rerun replaces it.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** What writes the file's content, and what it returns. */
    @FunctionalInterface
    public interface Body<T> {
        T write(Writer out) throws IOException;
    }

    /** Writes {@code target} in UTF-8 through {@code body} and returns what it returned. */
    public static <T> T write(Path target, Body<T> body) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        T result;
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            result = body.write(out);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return result;
    }

    /** Writes {@code content} to {@code target} in UTF-8. */
    public static void write(Path target, String content) throws IOException {
        write(target, out -> {
            out.write(content);
            return null;
        });
    }
}
