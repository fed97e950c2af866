package org.reskontro.matching;

/** A candidate invoice for a transaction left to a person: score 0-100 (higher is likelier) and why. */
public record Suggestion(long invoiceId, String invoiceNo, long customerId, int score, String why) {
}
