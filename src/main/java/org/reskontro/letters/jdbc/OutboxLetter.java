package org.reskontro.letters.jdbc;

import java.time.LocalDate;

/** A stored letter as the send step reads it. */
public record OutboxLetter(long id, String idemKey, long customerId, String customerNo, int level,
                           LocalDate businessDate, String language, String channel, String recipient, String subject,
                           String bodyText, String bodyHtml, byte[] pdf, String status, int attempts) {

    public boolean email() {
        return "EMAIL".equals(channel) && recipient != null && !recipient.isBlank();
    }
}
