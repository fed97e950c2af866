package org.reskontro.letters.jdbc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's states: PENDING (waiting, perhaps until {@code next_attempt_at}), SENDING (claimed and committed
 * before the hand-over to the mail server), SENT, PRINTED, FAILED (gave up; a person decides). Every change is a
 * guarded UPDATE on the current status, so two runs never deliver the same letter.
 */
public class LetterStore {

    private final JdbcClient jdbc;

    public LetterStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Ids of pending letters that are due, after {@code afterId}, in id order. */
    public List<Long> due(Instant now, long afterId, int limit) {
        return jdbc.sql("""
                SELECT id FROM letter
                 WHERE status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND id > ?
                 ORDER BY id LIMIT ?""")
                .params(Timestamp.from(now), afterId, limit)
                .query(Long.class).list();
    }

    /** PENDING to SENDING for the run {@code token}, counting the attempt; false when another run took it first. */
    public boolean claim(long id, String token) {
        return jdbc.sql("""
                UPDATE letter SET status = 'SENDING', attempts = attempts + 1, claim_token = ?
                 WHERE id = ? AND status = 'PENDING'""")
                .params(token, id).update() == 1;
    }

    /**
     * Undoes a claim of the run {@code token} that may or may not have committed (its commit failed on the client's
     * side) and was not handed over: back to PENDING with the attempt uncounted. Another run's claim is left alone.
     */
    public boolean unclaim(long id, String token) {
        return jdbc.sql("""
                UPDATE letter SET status = 'PENDING', attempts = attempts - 1, claim_token = NULL
                 WHERE id = ? AND status = 'SENDING' AND claim_token = ?""")
                .params(id, token).update() == 1;
    }

    /** The Message-ID the letter will carry, recorded before the hand-over so a person can trace it. */
    public void recordMessageId(long id, String messageId) {
        jdbc.sql("UPDATE letter SET message_id = ? WHERE id = ?").params(messageId, id).update();
    }

    public Optional<OutboxLetter> load(long id) {
        return jdbc.sql("""
                SELECT l.id, l.idem_key, l.customer_id, c.customer_no, l.level, l.business_date, l.language, l.channel,
                       l.recipient, l.subject, l.body_text, l.body_html, l.pdf, l.status, l.attempts
                  FROM letter l JOIN customer c ON c.id = l.customer_id
                 WHERE l.id = ?""")
                .param(id)
                .query((rs, n) -> new OutboxLetter(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getInt(5), rs.getDate(6).toLocalDate(), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getBytes(13), rs.getString(14),
                        rs.getInt(15)))
                .optional();
    }

    public void markSent(long id, String messageId, Instant at) {
        jdbc.sql("""
                UPDATE letter SET status = 'SENT', message_id = ?, sent_at = ?, last_error = NULL, next_attempt_at = NULL
                 WHERE id = ? AND status = 'SENDING'""")
                .params(messageId, Timestamp.from(at), id).update();
    }

    public void markPrinted(long id, Instant at, String error) {
        jdbc.sql("""
                UPDATE letter SET status = 'PRINTED', sent_at = ?, last_error = ?, next_attempt_at = NULL
                 WHERE id = ? AND status = 'SENDING'""")
                .params(Timestamp.from(at), cut(error), id).update();
    }

    /** Back to PENDING, not before {@code next}. */
    public void retryLater(long id, String error, Instant next) {
        jdbc.sql("UPDATE letter SET status = 'PENDING', last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'SENDING'")
                .params(cut(error), Timestamp.from(next), id).update();
    }

    /** Notes why a SENDING letter stays SENDING (its delivery is uncertain): a person confirms or requeues it. */
    public void noteUncertain(long id, String error) {
        jdbc.sql("UPDATE letter SET last_error = ? WHERE id = ? AND status = 'SENDING'").params(cut(error), id).update();
    }

    public void markFailed(long id, String error) {
        jdbc.sql("UPDATE letter SET status = 'FAILED', last_error = ?, next_attempt_at = NULL WHERE id = ? AND status = 'SENDING'")
                .params(cut(error), id).update();
    }

    /** The mail server refused the address for good: flag the customer's e-mail for correction and log why. */
    public void flagEmailInvalid(long customerId, String address, String reason, Instant at) {
        jdbc.sql("UPDATE customer SET email_invalid = TRUE WHERE id = ?").param(customerId).update();
        jdbc.sql("""
                INSERT INTO audit_log (occurred_at, actor, action, customer_id, details)
                VALUES (?, 'letters', 'EMAIL_REJECTED', ?, ?)""")
                .params(Timestamp.from(at), customerId, cut("e-mail address " + address
                        + " rejected by the mail server; letters go to print until it is corrected: " + reason))
                .update();
    }

    /**
     * Letters left SENDING by an interrupted run whose delivery can safely be repeated (print: the same file is
     * written again) go back to PENDING. E-mail letters stay SENDING for a person: see docs/letters.md.
     */
    public int releaseInterruptedPrints() {
        return jdbc.sql("UPDATE letter SET status = 'PENDING' WHERE status = 'SENDING' AND channel = 'PRINT'").update();
    }

    /** A letter a person should look at: SENDING after an interrupted run, or FAILED. */
    public record Attention(long id, String customerNo, String status, String recipient, String messageId,
                            String lastError) {
    }

    public List<Attention> needingAttention() {
        return jdbc.sql("""
                SELECT l.id, c.customer_no, l.status, l.recipient, l.message_id, l.last_error
                  FROM letter l JOIN customer c ON c.id = l.customer_id
                 WHERE l.status IN ('SENDING', 'FAILED') ORDER BY l.id""")
                .query((rs, n) -> new Attention(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
    }

    /** A person's decision: send a SENDING or FAILED letter again (with the same Message-ID). */
    public boolean requeue(long id) {
        return jdbc.sql("""
                UPDATE letter SET status = 'PENDING', next_attempt_at = NULL
                 WHERE id = ? AND status IN ('SENDING', 'FAILED')""").param(id).update() == 1;
    }

    /** A person's decision: a SENDING letter did arrive (e.g. seen in the mail server's log). */
    public boolean confirmSent(long id, String messageId, Instant at) {
        return jdbc.sql("""
                UPDATE letter SET status = 'SENT', message_id = COALESCE(message_id, ?), sent_at = ?
                 WHERE id = ? AND status = 'SENDING'""").params(messageId, Timestamp.from(at), id).update() == 1;
    }

    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT status, COUNT(*) FROM letter GROUP BY status ORDER BY status")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    private static String cut(String s) {
        if (s == null) {
            return null;
        }
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 1000 ? one.substring(0, 1000) : one;
    }
}
