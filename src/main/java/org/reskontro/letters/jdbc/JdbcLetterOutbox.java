package org.reskontro.letters.jdbc;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.reskontro.letters.DunningLetter;
import org.reskontro.letters.LetterOutbox;
import org.reskontro.letters.LetterPayload;
import org.reskontro.letters.LetterSafety;
import org.reskontro.letters.PreparedLetter;
import org.reskontro.letters.RenderedLetter;
import org.reskontro.letters.render.LetterRenderer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox table {@code letter}. {@link #store} renders the letter (subject, text, HTML, PDF) and inserts it as
 * PENDING in the caller's transaction, so it is committed together with the dunning escalation or not at all.
 * {@link #storeAll} does the same for many letters with batched statements, using the renderings made ahead of
 * the transaction by {@link #prepare} (on other threads, outside the customer locks) when they are of exactly the
 * letter stored. A letter whose customer has no usable e-mail address (missing, malformed, or flagged invalid
 * after a bounce) goes to print whatever channel the caller chose.
 */
public class JdbcLetterOutbox implements LetterOutbox {

    private static final String INSERT = """
            INSERT INTO letter (idem_key, customer_id, kind, level, business_date, language, channel, recipient,
                                subject, body_text, body_html, pdf, payload, status, attempts)
            VALUES (?, ?, 'DUNNING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0)""";
    private static final int IN_LIMIT = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final LetterRenderer renderer;

    public JdbcLetterOutbox(JdbcClient jdbc, LetterRenderer renderer) {
        this(jdbc, null, renderer);
    }

    /** @param batch for the batched insert of {@link #storeAll} (the same data source as {@code jdbc}); may be null */
    public JdbcLetterOutbox(JdbcClient jdbc, JdbcTemplate batch, LetterRenderer renderer) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.renderer = renderer;
    }

    @Override
    public void store(long customerId, DunningLetter letter, String idemKey) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM letter WHERE idem_key = ?").param(idemKey)
                .query(Long.class).single() > 0;
        if (exists) {
            return;
        }
        DunningLetter effective = letter.withChannel(channel(letter, flagged(customerId)));
        try {
            jdbc.sql(INSERT).params(row(customerId, effective, idemKey, renderer.render(effective))).update();
        } catch (DuplicateKeyException e) {
            // stored by a concurrent run with the same key: storing twice is a no-op
        }
    }

    @Override
    public PreparedLetter prepare(DunningLetter letter) {
        DunningLetter effective = letter.withChannel(channel(letter, false));
        return new PreparedLetter(effective, renderer.render(effective));
    }

    @Override
    public void storeAll(List<NewLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>(existing(letters.stream().map(NewLetter::idemKey).toList()));
        Set<Long> flagged = flagged(letters.stream().filter(l -> channel(l.letter(), false) == DunningLetter.Channel.EMAIL)
                .map(NewLetter::customerId).toList());
        List<Object[]> rows = new ArrayList<>(letters.size());
        for (NewLetter l : letters) {
            if (!seen.add(l.idemKey())) {
                continue; // stored before
            }
            DunningLetter effective = l.letter().withChannel(channel(l.letter(), flagged.contains(l.customerId())));
            RenderedLetter rendered = l.prepared() != null && l.prepared().letter().equals(effective)
                    ? l.prepared().rendered() : renderer.render(effective);
            rows.add(row(l.customerId(), effective, l.idemKey(), rendered));
        }
        if (rows.isEmpty()) {
            return;
        }
        if (batch == null) {
            rows.forEach(r -> jdbc.sql(INSERT).params(r).update());
            return;
        }
        try {
            batch.batchUpdate(INSERT, rows);
        } catch (DuplicateKeyException e) {
            // a concurrent run stored some of them meanwhile: store the rest one by one
            Set<String> now = new HashSet<>(existing(rows.stream().map(r -> (String) r[0]).toList()));
            for (Object[] r : rows) {
                if (now.add((String) r[0])) {
                    jdbc.sql(INSERT).params(r).update();
                }
            }
        }
    }

    private static Object[] row(long customerId, DunningLetter effective, String idemKey, RenderedLetter r) {
        String recipient = effective.channel() == DunningLetter.Channel.EMAIL ? effective.email().trim() : null;
        return new Object[] {idemKey, customerId, effective.level(), Date.valueOf(effective.letterDate()),
                effective.language().code(), effective.channel().name(), recipient, r.subject(), r.text(), r.html(),
                r.pdf(), LetterPayload.json(effective)};
    }

    private List<String> existing(List<String> keys) {
        List<String> out = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += IN_LIMIT) {
            out.addAll(jdbc.sql("SELECT idem_key FROM letter WHERE idem_key IN (:keys)")
                    .param("keys", keys.subList(from, Math.min(keys.size(), from + IN_LIMIT))).query(String.class).list());
        }
        return out;
    }

    /** The customers among these whose e-mail address is flagged invalid. */
    private Set<Long> flagged(List<Long> customerIds) {
        Set<Long> out = new HashSet<>();
        for (int from = 0; from < customerIds.size(); from += IN_LIMIT) {
            out.addAll(jdbc.sql("SELECT id FROM customer WHERE email_invalid = TRUE AND id IN (:ids)")
                    .param("ids", customerIds.subList(from, Math.min(customerIds.size(), from + IN_LIMIT)))
                    .query(Long.class).list());
        }
        return out;
    }

    private boolean flagged(long customerId) {
        Boolean flagged = jdbc.sql("SELECT email_invalid FROM customer WHERE id = ?").param(customerId)
                .query(Boolean.class).optional().orElse(false);
        return Boolean.TRUE.equals(flagged);
    }

    /** EMAIL only when the letter asks for it and the address is usable and not flagged; else PRINT. */
    private static DunningLetter.Channel channel(DunningLetter letter, boolean flagged) {
        if (letter.channel() != DunningLetter.Channel.EMAIL || letter.email() == null
                || !LetterSafety.isValidAddress(letter.email().trim()) || flagged) {
            return DunningLetter.Channel.PRINT;
        }
        return DunningLetter.Channel.EMAIL;
    }
}
