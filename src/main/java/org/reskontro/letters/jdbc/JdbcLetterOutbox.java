package org.reskontro.letters.jdbc;

import java.sql.Date;

import org.reskontro.letters.DunningLetter;
import org.reskontro.letters.LetterOutbox;
import org.reskontro.letters.LetterPayload;
import org.reskontro.letters.LetterSafety;
import org.reskontro.letters.RenderedLetter;
import org.reskontro.letters.render.LetterRenderer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox table {@code letter}. {@link #store} renders the letter (subject, text, HTML, PDF) and inserts it as
 * PENDING in the caller's transaction, so it is committed together with the dunning escalation or not at all.
 * A letter whose customer has no usable e-mail address (missing, malformed, or flagged invalid after a bounce)
 * goes to print whatever channel the caller chose.
 */
public class JdbcLetterOutbox implements LetterOutbox {

    private final JdbcClient jdbc;
    private final LetterRenderer renderer;

    public JdbcLetterOutbox(JdbcClient jdbc, LetterRenderer renderer) {
        this.jdbc = jdbc;
        this.renderer = renderer;
    }

    @Override
    public void store(long customerId, DunningLetter letter, String idemKey) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM letter WHERE idem_key = ?").param(idemKey)
                .query(Long.class).single() > 0;
        if (exists) {
            return;
        }
        DunningLetter effective = letter.withChannel(channel(customerId, letter));
        String recipient = effective.channel() == DunningLetter.Channel.EMAIL ? effective.email().trim() : null;
        RenderedLetter r = renderer.render(effective);
        try {
            jdbc.sql("""
                    INSERT INTO letter (idem_key, customer_id, kind, level, business_date, language, channel, recipient,
                                        subject, body_text, body_html, pdf, payload, status, attempts)
                    VALUES (?, ?, 'DUNNING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0)""")
                    .params(idemKey, customerId, effective.level(), Date.valueOf(effective.letterDate()),
                            effective.language().code(), effective.channel().name(),
                            recipient,
                            r.subject(), r.text(), r.html(), r.pdf(), LetterPayload.json(effective))
                    .update();
        } catch (DuplicateKeyException e) {
            // stored by a concurrent run with the same key: storing twice is a no-op
        }
    }

    private DunningLetter.Channel channel(long customerId, DunningLetter letter) {
        if (letter.channel() != DunningLetter.Channel.EMAIL || letter.email() == null
                || !LetterSafety.isValidAddress(letter.email().trim())) {
            return DunningLetter.Channel.PRINT;
        }
        Boolean flagged = jdbc.sql("SELECT email_invalid FROM customer WHERE id = ?").param(customerId)
                .query(Boolean.class).optional().orElse(false);
        return Boolean.TRUE.equals(flagged) ? DunningLetter.Channel.PRINT : DunningLetter.Channel.EMAIL;
    }
}
