package org.reskontro.letters.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.reskontro.letters.LetterSafety;
import org.reskontro.letters.jdbc.OutboxLetter;

/** The PDFs of letters for customers without a usable e-mail address, for printing and posting. */
public class PrintFolder {

    private final Path folder;

    public PrintFolder(Path folder) {
        this.folder = folder;
    }

    /** Writes the letter's PDF under a name fixed by the letter (writing it again replaces the same file). */
    public Path write(OutboxLetter l) {
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(l.businessDate() + "_" + LetterSafety.fileNamePart(l.customerNo()) + "_level"
                    + l.level() + "_" + l.id() + ".pdf");
            Path tmp = Files.createTempFile(folder, ".letter-", ".tmp");
            Files.write(tmp, l.pdf() == null ? new byte[0] : l.pdf());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the letter to the print folder " + folder + ": "
                    + e.getMessage(), e);
        }
    }
}
