package org.reskontro.letters.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.reskontro.letters.jdbc.LetterStore;
import org.reskontro.letters.jdbc.OutboxLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the due letters of the outbox, one by one:
 * <ol>
 * <li>claim: PENDING to SENDING with the Message-ID recorded, committed before anything leaves;</li>
 * <li>hand over: to the SMTP server (one connection for the run), to the outbox folder as .eml, or, for print
 * letters, the PDF to the print folder;</li>
 * <li>record: SENT with the Message-ID and the time, or PRINTED, committed.</li>
 * </ol>
 * A transient failure puts the letter back to PENDING with a later {@code next_attempt_at} (FAILED after the
 * last attempt); a lost connection ends the run, leaving the rest PENDING and untouched. A connection lost after
 * the whole message was out and before the server's reply leaves that letter SENDING for a person, as a crash in
 * that window does ({@link UncertainDelivery}): sending it again could deliver it twice. A permanent refusal of
 * the address prints the letter and flags the customer's e-mail. A crash between hand-over and record leaves
 * the letter SENDING: print letters are redone by the next run, e-mail letters wait for a person
 * ({@code reskontro letters requeue} or {@code confirm}); see docs/letters.md.
 */
public class LetterSender {

    private static final Logger log = LoggerFactory.getLogger(LetterSender.class);
    private static final int PAGE = 200;

    private final LetterStore store;
    private final LetterMessages messages;
    private final Supplier<MailGateway> gateways;
    private final PrintFolder print;
    private final LettersProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final LongConsumer afterDelivery;

    /**
     * @param tx            must start a new transaction (REQUIRES_NEW): each state change commits on its own,
     *                      whatever transaction the caller (a batch step) runs in
     * @param afterDelivery called after each letter is handed over and recorded (tests use it to stop the server)
     */
    LetterSender(LetterStore store, LetterMessages messages, Supplier<MailGateway> gateways, PrintFolder print,
                 LettersProperties properties, TransactionTemplate tx, Clock clock, LongConsumer afterDelivery) {
        this.store = store;
        this.messages = messages;
        this.gateways = gateways;
        this.print = print;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.afterDelivery = afterDelivery;
    }

    /** What one run did. */
    public record Result(int sent, int printed, int bounced, int deferred, int failed, int uncertain,
                         boolean interrupted, String channel) {
    }

    /** Delivers every PENDING letter due at {@code dueBy}. */
    public Result sendDue(Instant dueBy) {
        int released = tx.execute(s -> store.releaseInterruptedPrints());
        if (released > 0) {
            log.info("{} print letters left SENDING by an interrupted run are printed again", released);
        }
        int sent = 0;
        int printed = 0;
        int bounced = 0;
        int deferred = 0;
        int failed = 0;
        int uncertain = 0;
        String token = UUID.randomUUID().toString();
        boolean interrupted = false;
        long after = 0;
        try (MailGateway gateway = gateways.get()) {
            String channel = gateway.describe();
            run:
            while (true) {
                List<Long> ids = store.due(dueBy, after, PAGE);
                if (ids.isEmpty()) {
                    break;
                }
                for (long id : ids) {
                    after = id;
                    Optional<OutboxLetter> claimed = claimOrUndo(id, token);
                    if (claimed == null || claimed.isEmpty()) {
                        continue;
                    }
                    OutboxLetter letter = claimed.get();
                    if (!letter.email()) {
                        printAndRecord(letter, null, false);
                        printed++;
                        afterDelivery.accept(id);
                        continue;
                    }
                    MimeMessage message;
                    try {
                        message = messages.build(gateway.session(), parts(letter), clock.instant());
                    } catch (MessagingException | RuntimeException e) {
                        // the stored letter cannot become a message (it never will): print it
                        printAndRecord(letter, "not sent by e-mail: " + DeliveryFailure.describe(e), false);
                        printed++;
                        continue;
                    }
                    try {
                        gateway.deliver(message, letter);
                    } catch (MessagingException | RuntimeException e) {
                        DeliveryFailure kind = DeliveryFailure.classify(e);
                        String error = DeliveryFailure.describe(e);
                        if (kind == DeliveryFailure.UNCERTAIN) {
                            // it stays SENDING, as after a crash in this window: a person confirms or requeues it
                            tx.executeWithoutResult(s -> store.noteUncertain(id, error));
                            uncertain++;
                            log.warn("letter {} to customer {} stays SENDING for a person: {}; look its Message-ID up "
                                    + "on the mail server, then 'letters confirm' or 'letters requeue' (docs/letters.md)",
                                    id, letter.customerNo(), error);
                            interrupted = true;
                            break run;
                        }
                        if (!kind.retry()) {
                            printAndRecord(letter, "e-mail refused (" + error + "); printed",
                                    kind == DeliveryFailure.ADDRESS_REJECTED);
                            bounced++;
                            continue;
                        }
                        if (letter.attempts() >= properties.maxAttempts()) {
                            tx.executeWithoutResult(s -> store.markFailed(id, "gave up after " + letter.attempts()
                                    + " attempts: " + error));
                            failed++;
                            log.warn("letter {} to customer {} FAILED after {} attempts: {}", id, letter.customerNo(),
                                    letter.attempts(), error);
                        } else {
                            Instant next = clock.instant().plus(properties.backoffAfter(letter.attempts()));
                            tx.executeWithoutResult(s -> store.retryLater(id, error, next));
                            deferred++;
                        }
                        if (kind.connectionLost()) {
                            log.warn("mail server unreachable ({}); the remaining letters stay pending", error);
                            interrupted = true;
                            break run;
                        }
                        continue;
                    }
                    recordSent(id, messages.messageId(letter.idemKey()));
                    sent++;
                    afterDelivery.accept(id);
                }
            }
            return new Result(sent, printed, bounced, deferred, failed, uncertain, interrupted, channel);
        }
    }

    /**
     * Records SENT once the server has accepted the letter. The letter is out: a failed commit here (a dropped
     * database connection) is retried on fresh connections for a while before giving up, so only a process that
     * dies in this short window leaves a letter SENDING for a person to confirm.
     */
    private void recordSent(long id, String messageId) {
        retried("recording delivered letter " + id,
                () -> tx.executeWithoutResult(s -> store.markSent(id, messageId, clock.instant())));
    }

    /** Runs {@code work} (its own transaction), again on fresh connections while the database fails, for a while. */
    private void retried(String what, Runnable work) {
        long pause = 250;
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                return;
            } catch (DataAccessException | TransactionException e) {
                if (attempt >= 6) {
                    throw e;
                }
                log.warn("{} failed ({}); retrying", what, e.getMessage());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause *= 2;
            }
        }
    }

    /**
     * Claims the letter for this run. When the claim's transaction fails (a dropped connection), the server may have
     * committed it all the same, which would leave the letter SENDING though nothing left: the claim is then undone
     * on fresh connections, if it took, before the failure ends the run; the next run sends the letter.
     */
    private Optional<OutboxLetter> claimOrUndo(long id, String token) {
        try {
            return tx.execute(s -> claim(id, token));
        } catch (DataAccessException | TransactionException e) {
            try {
                retried("undoing the claim of letter " + id, () -> tx.executeWithoutResult(s -> store.unclaim(id, token)));
            } catch (RuntimeException undo) {
                e.addSuppressed(undo); // the letter stays SENDING: a person confirms or requeues it
            }
            throw e;
        }
    }

    private Optional<OutboxLetter> claim(long id, String token) {
        if (!store.claim(id, token)) {
            return Optional.empty();
        }
        Optional<OutboxLetter> letter = store.load(id);
        letter.filter(OutboxLetter::email).ifPresent(l -> store.recordMessageId(id, messages.messageId(l.idemKey())));
        return letter;
    }

    private void printAndRecord(OutboxLetter letter, String note, boolean flagAddress) {
        print.write(letter);
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            store.markPrinted(letter.id(), now, note);
            if (flagAddress) {
                store.flagEmailInvalid(letter.customerId(), letter.recipient(), note, now);
            }
        });
    }

    LetterMessages.Parts parts(OutboxLetter l) {
        return new LetterMessages.Parts(l.idemKey(), l.recipient(), l.subject(), l.bodyText(), l.bodyHtml(), l.pdf(),
                LetterMessages.attachmentName(l.language(), l.level(), l.customerNo(), l.businessDate()));
    }
}
