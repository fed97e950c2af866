package org.reskontro.letters.jdbc;

import java.sql.Date;

import org.reskontro.letters.DunningLetter;
import org.reskontro.letters.LetterOutbox;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox table {@code letter}. This first version stores the letter's data without rendering it; the
 * letters feature renders the HTML, text and PDF parts.
 */
public class JdbcLetterOutbox implements LetterOutbox {

    private final JdbcClient jdbc;

    public JdbcLetterOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void store(long customerId, DunningLetter letter, String idemKey) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM letter WHERE idem_key = ?").param(idemKey)
                .query(Long.class).single() > 0;
        if (exists) {
            return;
        }
        jdbc.sql("""
                INSERT INTO letter (idem_key, customer_id, kind, level, business_date, language, channel, recipient,
                                    subject, status)
                VALUES (?, ?, 'DUNNING', ?, ?, ?, ?, ?, ?, 'PENDING')""")
                .params(idemKey, customerId, letter.level(), Date.valueOf(letter.letterDate()),
                        letter.language().code(), letter.channel().name(), letter.email(),
                        "Dunning level " + letter.level() + " " + letter.customerNo())
                .update();
    }
}
