package org.reskontro.letters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reskontro.ledger.Customer;
import org.reskontro.ledger.CustomerType;
import org.reskontro.ledger.Language;
import org.reskontro.ledger.jdbc.LedgerStore;
import org.reskontro.letters.DunningLetter;
import org.reskontro.letters.LetterFixtures;
import org.reskontro.letters.LetterOutbox;
import org.reskontro.letters.PreparedLetter;
import org.reskontro.letters.RenderedLetter;
import org.reskontro.support.IntegrationTest;
import org.reskontro.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox stores the rendered letter in the caller's transaction: with the escalation, or not at all. */
@IntegrationTest
class JdbcLetterOutboxTest {

    @Autowired
    TestDatabase db;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LedgerStore ledger;
    @Autowired
    LetterOutbox outbox;
    @Autowired
    PlatformTransactionManager transactions;

    long customerId;

    @BeforeEach
    void setUp() {
        db.reset();
        DunningLetter l = LetterFixtures.letter("10001", Language.NB, 3, "Byggmester Hansen AS", "hansen@example.no");
        customerId = ledger.upsertCustomer(new Customer(l.customerNo(), l.customerName(), null, l.country(),
                l.currency(), l.language(), l.email(), l.address(), CustomerType.BUSINESS, new BigDecimal("1000"),
                false, null));
    }

    @Test
    void aRolledBackEscalationLeavesNoLetter() {
        DunningLetter letter = LetterFixtures.letter("10001", Language.NB, 3, "Byggmester Hansen AS", "hansen@example.no");
        TransactionTemplate tx = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            outbox.store(customerId, letter, "dunning:10001:2024-04-30");
            throw new IllegalStateException("the escalation failed");
        })).hasMessageContaining("escalation failed");
        assertThat(db.count("letter")).isZero();

        tx.executeWithoutResult(s -> outbox.store(customerId, letter, "dunning:10001:2024-04-30"));
        assertThat(db.count("letter")).isEqualTo(1);
    }

    @Test
    void theStoredLetterIsRenderedCompletely() {
        DunningLetter letter = LetterFixtures.letter("10001", Language.NB, 3, "Byggmester Hansen AS", " hansen@example.no ");
        new TransactionTemplate(transactions).executeWithoutResult(s -> outbox.store(customerId, letter, "k"));
        var row = jdbc.sql("SELECT status, channel, recipient, subject, body_text, body_html, pdf, payload, level, language, kind FROM letter")
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getString(8), rs.getInt(9), rs.getString(10),
                        rs.getString(11)})
                .single();
        assertThat(row[0]).isEqualTo("PENDING");
        assertThat(row[1]).isEqualTo("EMAIL");
        assertThat(row[2]).isEqualTo("hansen@example.no");
        assertThat(row[3]).isEqualTo("Inkassovarsel – Eksempel Regnskap AS");
        assertThat(LetterFixtures.normalise((String) row[4])).contains("innen 14 dager").contains("31 797,83 NOK");
        assertThat((String) row[4]).doesNotContain("\n\n\n");
        assertThat((String) row[5]).contains("<h1>Inkassovarsel</h1>");
        assertThat((byte[]) row[6]).startsWith("%PDF".getBytes());
        assertThat((String) row[7]).contains("\"customerNo\":\"10001\"").contains("\"level\":3");
        assertThat(row[8]).isEqualTo(3);
        assertThat(row[9]).isEqualTo("nb");
        assertThat(row[10]).isEqualTo("DUNNING");
    }

    @Test
    void storeAllUsesALetterRenderedAheadOnlyWhenItIsExactlyTheLetterStored() {
        DunningLetter letter = LetterFixtures.letter("10001", Language.NB, 3, "Byggmester Hansen AS", "hansen@example.no");
        PreparedLetter ahead = outbox.prepare(letter);
        assertThat(ahead.letter().channel()).isEqualTo(DunningLetter.Channel.EMAIL);
        assertThat(ahead.rendered().pdf()).startsWith("%PDF".getBytes());
        // marked, to see which rendering was stored
        PreparedLetter marked = new PreparedLetter(ahead.letter(), new RenderedLetter(ahead.rendered().subject(),
                "ahead", "<p>ahead</p>", ahead.rendered().pdf()));
        // the same customer decided again under the lock with another amount: its letter differs from the one ahead
        DunningLetter changed = LetterFixtures.letter("10001", Language.NB, 2, "Byggmester Hansen AS", "hansen@example.no");
        new TransactionTemplate(transactions).executeWithoutResult(s -> outbox.storeAll(List.of(
                new LetterOutbox.NewLetter(customerId, letter, "same", marked),
                new LetterOutbox.NewLetter(customerId, changed, "changed", marked),
                new LetterOutbox.NewLetter(customerId, letter, "same", marked))));
        assertThat(db.count("letter")).as("a key stored once").isEqualTo(2);
        assertThat(html("same")).isEqualTo("<p>ahead</p>");
        assertThat(html("changed")).contains("<h1>Purring</h1>");

        // flagged meanwhile: the letter goes to print, so the one rendered ahead (for e-mail) is not it
        jdbc.sql("UPDATE customer SET email_invalid = TRUE WHERE id = ?").param(customerId).update();
        new TransactionTemplate(transactions).executeWithoutResult(s -> outbox.storeAll(List.of(
                new LetterOutbox.NewLetter(customerId, letter, "flagged", marked))));
        assertThat(html("flagged")).contains("<h1>Inkassovarsel</h1>");
        assertThat(jdbc.sql("SELECT channel FROM letter WHERE idem_key = 'flagged'").query(String.class).single())
                .isEqualTo("PRINT");
    }

    private String html(String key) {
        return jdbc.sql("SELECT body_html FROM letter WHERE idem_key = ?").param(key).query(String.class).single();
    }
}
