package org.reskontro.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a test's figures to target/reliability/NAME.txt (quoted in docs/reliability.md) and prints them. */
final class Figures {

    private Figures() {
    }

    static void write(String name, List<String> lines) {
        try {
            Path dir = Path.of("target/reliability");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".txt"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.forEach(System.out::println);
    }
}
