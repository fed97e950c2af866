package org.reskontro.letters.mail;

import jakarta.mail.MessagingException;

/**
 * The connection broke after the whole message had been handed to the SMTP server and before the server's reply
 * to it arrived: the server may have taken the letter, or not. Sending it again could deliver it twice, so the
 * letter is left SENDING for a person to confirm or requeue, as after a crash in the same window.
 */
final class UncertainDelivery extends MessagingException {

    UncertainDelivery(Exception cause) {
        super("the connection broke after the whole message was handed over, before the server's reply ("
                + DeliveryFailure.describe(cause) + "): the server may have the letter", cause);
    }
}
