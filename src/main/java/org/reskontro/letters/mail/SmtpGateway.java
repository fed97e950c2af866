package org.reskontro.letters.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.reskontro.letters.jdbc.OutboxLetter;

/**
 * Hands letters to an SMTP server over one connection for the whole run, opened at the first letter. A connection
 * that breaks once the whole message is out and before the server has answered it is an {@link UncertainDelivery}.
 */
final class SmtpGateway implements MailGateway {

    /** How to reach the server ({@code spring.mail.*}). */
    record Server(String protocol, String host, int port, String username, String password) {
    }

    private final Session session;
    private final Server server;
    private Transport transport;

    SmtpGateway(Session session, Server server) {
        this.session = session;
        this.server = server;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public void deliver(MimeMessage message, OutboxLetter letter) throws MessagingException {
        if (transport == null) {
            Transport t = session.getTransport(server.protocol() == null ? "smtp" : server.protocol());
            t.connect(server.host(), server.port(), blankToNull(server.username()), blankToNull(server.password()));
            transport = t;
        }
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            if (DeliveryFailure.classify(e).connectionLost()) {
                close();
                if (LetterMessages.wholeContentWritten(message) && !DeliveryFailure.hasReply(e)) {
                    throw new UncertainDelivery(e);
                }
            }
            throw e;
        }
    }

    @Override
    public String describe() {
        return "SMTP " + server.host() + ":" + server.port();
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // the connection is gone either way
            }
            transport = null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
