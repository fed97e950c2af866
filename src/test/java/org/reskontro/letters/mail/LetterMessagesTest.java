package org.reskontro.letters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

class LetterMessagesTest {

    final LetterMessages messages = new LetterMessages(LetterMessages.sender(null, "Eksempel Regnskap AS", "faktura@eksempel.no"));
    final Session session = Session.getInstance(new Properties());

    @Test
    void theMessageIdFollowsFromTheKey() throws Exception {
        MimeMessage a = messages.build(session, parts("key-1", "a@example.no", "Purring"), Instant.EPOCH);
        MimeMessage b = messages.build(session, parts("key-1", "a@example.no", "Purring"), Instant.EPOCH);
        MimeMessage c = messages.build(session, parts("key-2", "a@example.no", "Purring"), Instant.EPOCH);
        assertThat(a.getMessageID()).isEqualTo(b.getMessageID()).isNotEqualTo(c.getMessageID())
                .matches("<[0-9a-f]{32}\\.letter@eksempel\\.no>");
    }

    @Test
    void aForgedRecipientIsRefusedAndASubjectCannotAddHeaders() throws Exception {
        assertThatThrownBy(() -> messages.build(session, parts("k", "a@example.no\r\nBcc: x@evil.com", "S"), Instant.EPOCH))
                .isInstanceOf(MessagingException.class);
        MimeMessage m = messages.build(session, parts("k", "a@example.no", "Purring\r\nBcc: x@evil.com"), Instant.EPOCH);
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getSubject()).isEqualTo("Purring Bcc: x@evil.com");
        assertThat(m.getAllRecipients()).hasSize(1);
    }

    @Test
    void theConfiguredSenderMustBeOneAddressOnOneLine() {
        assertThat(LetterMessages.sender("Firma <post@firma.no>", "x", "y@z.no").getAddress()).isEqualTo("post@firma.no");
        assertThatThrownBy(() -> LetterMessages.sender("a@b.no, c@d.no", "x", "y@z.no")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LetterMessages.sender("a@b.no\r\nBcc: c@d.no", "x", "y@z.no")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failuresAreClassifiedByTheServersReply() throws Exception {
        assertThat(DeliveryFailure.classify(new SendFailedException("Invalid Addresses", smtpAddress(550, "550 5.1.1 no such user"),
                null, null, new InternetAddress[] {new InternetAddress("a@b.no")}))).isEqualTo(DeliveryFailure.ADDRESS_REJECTED);
        assertThat(DeliveryFailure.classify(smtpAddress(451, "451 4.7.1 greylisted"))).isEqualTo(DeliveryFailure.TRANSIENT);
        assertThat(DeliveryFailure.classify(new MessagingException("554 5.7.1 message refused"))).isEqualTo(DeliveryFailure.MESSAGE_REJECTED);
        assertThat(DeliveryFailure.classify(new MessagingException("Can't send command", new java.net.SocketException("reset"))))
                .isEqualTo(DeliveryFailure.CONNECTION);
        assertThat(DeliveryFailure.classify(new MessagingException("421 4.4.2 timeout"))).isEqualTo(DeliveryFailure.CONNECTION);
    }

    private static MessagingException smtpAddress(int code, String reply) throws Exception {
        Class<?> c = Class.forName("org.eclipse.angus.mail.smtp.SMTPAddressFailedException");
        return (MessagingException) c.getConstructor(InternetAddress.class, String.class, int.class, String.class)
                .newInstance(new InternetAddress("a@b.no"), "RCPT", code, reply);
    }

    private static LetterMessages.Parts parts(String key, String to, String subject) {
        return new LetterMessages.Parts(key, to, subject, "text", "<p>html</p>", new byte[] {'%', 'P', 'D', 'F'}, "x.pdf");
    }
}
