package org.reskontro.letters;

/**
 * A letter ready to go: the subject line, the plain-text and HTML bodies, and the PDF of the same letter.
 * The subject is already safe for a mail header (no CR, LF or other control characters).
 */
public record RenderedLetter(String subject, String text, String html, byte[] pdf) {
}
