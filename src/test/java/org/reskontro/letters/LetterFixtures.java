package org.reskontro.letters;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.reskontro.ledger.Country;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.CustomerType;
import org.reskontro.ledger.Language;
import org.reskontro.ledger.jdbc.LedgerStore;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Customers and stored letters for the outbox tests, and helpers to read a received message. */
public final class LetterFixtures {

    private final LedgerStore ledger;
    private final LetterOutbox outbox;
    private final TransactionTemplate tx;

    public LetterFixtures(LedgerStore ledger, LetterOutbox outbox, PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A customer with the letter's number, name, e-mail and language; stores the letter as dunning would. */
    public long store(DunningLetter letter, String idemKey) {
        long id = ledger.upsertCustomer(new Customer(letter.customerNo(), letter.customerName(), null,
                letter.country(), letter.currency(), letter.language(), letter.email(), letter.address(),
                CustomerType.BUSINESS, new BigDecimal("100000"), false, null));
        tx.executeWithoutResult(s -> outbox.store(id, letter, idemKey));
        return id;
    }

    /** Sample letter of the given language and level for customer {@code no}. */
    public static DunningLetter letter(String no, Language language, int level, String name, String email) {
        DunningLetter l = SampleLetters.letter(language, level, name, email);
        return new DunningLetter(no, l.customerName(), l.address(), l.email(), l.language(),
                language == Language.SV ? Country.SE : Country.NO, l.customerType(), l.level(), l.template(),
                l.letterDate(), l.paymentDeadline(), l.currency(), l.items(), l.interest(), l.collectionWarning(),
                l.channel());
    }

    public static void emptyFolder(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> s = Files.walk(folder)) {
                s.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(folder)).forEach(p -> p.toFile().delete());
            }
        }
    }

    public static List<Path> files(Path folder, String suffix) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** The text/plain, text/html and application/pdf parts of a letter's message. */
    public record Parts(String text, String html, byte[] pdf, String pdfName) {
    }

    public static Parts parts(MimeMessage m) throws Exception {
        String[] found = new String[3];
        byte[][] pdf = new byte[1][];
        walk(m, found, pdf);
        return new Parts(found[0], found[1], pdf[0], found[2]);
    }

    private static void walk(Part p, String[] found, byte[][] pdf) throws Exception {
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                walk(b, found, pdf);
            }
        } else if (p.isMimeType("text/plain")) {
            found[0] = (String) p.getContent();
        } else if (p.isMimeType("text/html")) {
            found[1] = (String) p.getContent();
        } else if (p.isMimeType("application/pdf")) {
            pdf[0] = p.getInputStream().readAllBytes();
            found[2] = p.getFileName();
        }
    }

    /** No-break spaces as spaces and runs of white space as one, for comparing text. */
    public static String normalise(String s) {
        return s == null ? "" : s.replace('\u00a0', ' ').replaceAll("\\s+", " ");
    }
}
