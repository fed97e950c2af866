package org.reskontro.letters.mail;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.reskontro.letters.LetterSafety;
import org.reskontro.letters.jdbc.OutboxLetter;

/**
 * No SMTP server configured: each letter becomes a complete RFC 822 message ({@code .eml}) in the outbox folder,
 * written to a temporary file and moved into place, under a name fixed by the letter, so writing it again after
 * an interrupted run replaces the same file rather than adding one.
 */
final class EmlGateway implements MailGateway {

    private final Path folder;
    private final Session session = Session.getInstance(new Properties());

    EmlGateway(Path folder) {
        this.folder = folder;
    }

    static String fileName(OutboxLetter l) {
        return l.businessDate() + "_" + LetterSafety.fileNamePart(l.customerNo()) + "_level" + l.level() + "_" + l.id()
                + ".eml";
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public void deliver(MimeMessage message, OutboxLetter letter) throws MessagingException {
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(fileName(letter));
            Path tmp = Files.createTempFile(folder, ".letter-", ".tmp");
            // buffered: the MIME encoders write a byte at a time (unbuffered that was a system call per byte)
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                message.writeTo(out);
            } catch (IOException | MessagingException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MessagingException("could not write the letter to " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "outbox folder " + folder;
    }

    @Override
    public void close() {
    }
}
