package org.reskontro.letters;

import java.util.List;

/**
 * Stores a letter for sending. Called inside the dunning run's transaction, so the letter is committed together
 * with the escalation it belongs to, or not at all. Storing the same key twice is a no-op.
 */
public interface LetterOutbox {

    void store(long customerId, DunningLetter letter, String idemKey);

    /** One letter to store; {@code prepared} (may be null) is its rendering made ahead of the transaction. */
    record NewLetter(long customerId, DunningLetter letter, String idemKey, PreparedLetter prepared) {
    }

    /**
     * Renders a letter ahead of the transaction that will store it; thread-safe, touches no database. Null when
     * this outbox does not render ahead (then {@link #storeAll} renders in the transaction).
     */
    default PreparedLetter prepare(DunningLetter letter) {
        return null;
    }

    /** Stores several letters in the caller's transaction, as {@link #store} does for each. */
    default void storeAll(List<NewLetter> letters) {
        for (NewLetter l : letters) {
            store(l.customerId(), l.letter(), l.idemKey());
        }
    }
}
