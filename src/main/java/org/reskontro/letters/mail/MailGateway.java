package org.reskontro.letters.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.reskontro.letters.jdbc.OutboxLetter;

/** Where e-mail letters are handed over: an SMTP server, or the outbox folder as .eml files. One per send run. */
interface MailGateway extends AutoCloseable {

    Session session();

    void deliver(MimeMessage message, OutboxLetter letter) throws MessagingException;

    /** The status name the letter gets after delivery. */
    default String describe() {
        return getClass().getSimpleName();
    }

    @Override
    void close();
}
