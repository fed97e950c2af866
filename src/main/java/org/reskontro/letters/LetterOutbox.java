package org.reskontro.letters;

/**
 * Stores a letter for sending. Called inside the dunning run's per-customer transaction, so the letter is
 * committed together with the escalation it belongs to, or not at all. Storing the same key twice is a no-op.
 */
public interface LetterOutbox {

    void store(long customerId, DunningLetter letter, String idemKey);
}
