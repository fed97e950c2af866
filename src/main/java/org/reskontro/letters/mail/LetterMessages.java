package org.reskontro.letters.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.reskontro.common.Hashes;
import org.reskontro.letters.LetterSafety;

/**
 * Builds the MIME message of a letter: multipart/mixed of (multipart/alternative of text and HTML) and the PDF.
 * The sender comes from configuration; the recipient must be one plain valid address and the subject is
 * stripped of control characters, so customer data can never add a header. The Message-ID is derived from the
 * letter's idempotency key: the same letter always carries the same Message-ID.
 */
public class LetterMessages {

    static {
        useStreamProviderByName();
    }

    /**
     * Jakarta Mail looks its {@code StreamProvider} up for every message, body part and multipart it creates: with
     * no system property naming it, that is a {@code ServiceLoader} scan of every jar on the class path (most of
     * the CPU of building a letter's message). Naming Angus Mail's provider, when it is the one present and nobody
     * named another, makes the lookup a class-by-name load.
     */
    static void useStreamProviderByName() {
        String property = "jakarta.mail.util.StreamProvider";
        String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(property) != null) {
            return;
        }
        try {
            Class.forName(angus, false, LetterMessages.class.getClassLoader());
            System.setProperty(property, angus);
        } catch (ClassNotFoundException | LinkageError e) {
            // another implementation: keep the ServiceLoader lookup
        }
    }

    private final InternetAddress from;
    private final String domain;

    public LetterMessages(InternetAddress from) {
        this.from = from;
        String address = from.getAddress();
        this.domain = address.substring(address.indexOf('@') + 1);
    }

    /** Parses the configured sender, or builds it from the company's name and address. */
    public static InternetAddress sender(String configured, String companyName, String companyEmail) {
        try {
            if (configured != null && !configured.isBlank()) {
                if (!LetterSafety.headerText(configured).equals(configured.trim())) {
                    throw new IllegalArgumentException("reskontro.letters.from must be one line: '" + configured + "'");
                }
                InternetAddress[] parsed = InternetAddress.parse(configured.trim(), true);
                if (parsed.length != 1) {
                    throw new IllegalArgumentException("reskontro.letters.from must be one address: '" + configured + "'");
                }
                parsed[0].validate();
                return parsed[0];
            }
            InternetAddress a = new InternetAddress(companyEmail, LetterSafety.headerText(companyName), "UTF-8");
            a.validate();
            return a;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("not a valid sender address: " + e.getMessage(), e);
        }
    }

    public InternetAddress from() {
        return from;
    }

    /** {@code <9f86d081884c7d659a2feaa0c55ad015.letter@eksempel.no>}: the same for the same key, every time. */
    public String messageId(String idemKey) {
        return "<" + Hashes.sha256(idemKey).substring(0, 32) + ".letter@" + domain + ">";
    }

    /** What goes into one message. {@code recipient} may be null (a preview of a letter for print). */
    public record Parts(String idemKey, String recipient, String subject, String text, String html, byte[] pdf,
                        String attachmentName) {
    }

    public MimeMessage build(Session session, Parts p, Instant sentAt) throws MessagingException {
        MimeMessage m = new FixedIdMessage(session, messageId(p.idemKey()));
        m.setFrom(from);
        if (p.recipient() != null) {
            if (!LetterSafety.isValidAddress(p.recipient())) {
                throw new AddressException("not a valid recipient address", p.recipient());
            }
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(p.recipient(), true));
        }
        m.setSubject(LetterSafety.headerText(p.subject()), StandardCharsets.UTF_8.name());
        m.setSentDate(Date.from(sentAt));
        m.setHeader("Auto-Submitted", "auto-generated");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(p.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(p.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);

        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        if (p.pdf() != null && p.pdf().length > 0) {
            MimeBodyPart pdf = new MimeBodyPart();
            pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(p.pdf(), "application/pdf")));
            pdf.setFileName(p.attachmentName());
            pdf.setDisposition(Part.ATTACHMENT);
            mixed.addBodyPart(pdf);
        }
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }

    /** {@code purring-10001-2024-04-30.pdf}: the letter's kind in its language, the customer and the date. */
    public static String attachmentName(String language, int level, String customerNo, LocalDate date) {
        String kind = switch (language) {
            case "sv" -> switch (Math.max(1, Math.min(level, 4))) {
                case 1 -> "paminnelse";
                case 2 -> "betalningspaminnelse";
                case 3 -> "inkassovarning";
                default -> "inkasso";
            };
            case "en" -> switch (Math.max(1, Math.min(level, 4))) {
                case 1 -> "reminder";
                case 2 -> "formal-reminder";
                case 3 -> "final-notice";
                default -> "debt-collection";
            };
            default -> switch (Math.max(1, Math.min(level, 4))) {
                case 1 -> "paminnelse";
                case 2 -> "purring";
                case 3 -> "inkassovarsel";
                default -> "inkasso";
            };
        };
        return kind + "-" + LetterSafety.fileNamePart(customerNo) + "-" + date + ".pdf";
    }

    /**
     * Whether the whole of this message (built here) has been written out, to the end of its content: over SMTP,
     * handed to the server up to the end-of-data mark, after which only the server's reply can tell whether it
     * took the message.
     */
    static boolean wholeContentWritten(MimeMessage m) {
        return m instanceof FixedIdMessage f && f.written;
    }

    /**
     * A message whose Message-ID is ours, not a random one set by {@code saveChanges}, and that knows when it has
     * been written out whole (SMTP's DATA phase writes it with {@link #writeTo(OutputStream, String[])}).
     */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;
        private volatile boolean written;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }

        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
            super.writeTo(os, ignoreList);
            written = true;
        }
    }
}
