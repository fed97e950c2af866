package org.reskontro.letters;

/**
 * A letter rendered ahead of the transaction that stores it (outside the customer lock, on another thread):
 * {@link LetterOutbox#storeAll} uses the rendering when the letter it stores is exactly {@code letter}, and renders
 * again otherwise.
 */
public record PreparedLetter(DunningLetter letter, RenderedLetter rendered) {
}
