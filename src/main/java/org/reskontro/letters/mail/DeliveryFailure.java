package org.reskontro.letters.mail;

import java.io.IOException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

/**
 * What a failed hand-over means. A 5xx reply to the recipient is permanent (the address is wrong: print the
 * letter, flag the address); another 5xx is permanent for this message (print it); 4xx replies, refused or lost
 * connections and everything unknown are transient (retry later with backoff).
 */
enum DeliveryFailure {
    /** The server refused the recipient address for good (5xx at RCPT). */
    ADDRESS_REJECTED(false, false),
    /** The server refused this message for good (5xx at MAIL or DATA). */
    MESSAGE_REJECTED(false, false),
    /** Try this letter again later; the connection still works (4xx). */
    TRANSIENT(true, false),
    /** The server cannot be reached or the connection broke: stop this run, try again later. */
    CONNECTION(true, true),
    /**
     * The connection broke after the whole message was out, before the server's reply: the server may have it.
     * Not tried again (it could arrive twice); the letter waits for a person. The run stops.
     */
    UNCERTAIN(false, true);

    private final boolean retry;
    private final boolean connectionLost;

    DeliveryFailure(boolean retry, boolean connectionLost) {
        this.retry = retry;
        this.connectionLost = connectionLost;
    }

    boolean retry() {
        return retry;
    }

    boolean connectionLost() {
        return connectionLost;
    }

    static DeliveryFailure classify(Throwable e) {
        if (e instanceof UncertainDelivery) {
            return UNCERTAIN;
        }
        if (isA(e, "MailConnectException") || e instanceof AuthenticationFailedException) {
            return CONNECTION;
        }
        Integer code = replyCode(e);
        if (code != null) {
            if (code >= 500) {
                return addressFailure(e) != null ? ADDRESS_REJECTED : MESSAGE_REJECTED;
            }
            if (code >= 400) {
                return code == 421 ? CONNECTION : TRANSIENT;
            }
        }
        return CONNECTION;
    }

    /** Whether the server answered (an SMTP reply code), rather than the connection failing before it could. */
    static boolean hasReply(Throwable e) {
        Integer code = replyCode(e);
        return code != null && code >= 200;
    }

    /** The SMTP reply code of the failure, looking through nested exceptions; null if there is none. */
    static Integer replyCode(Throwable e) {
        Throwable address = addressFailure(e);
        if (address != null) {
            return returnCode(address);
        }
        for (Throwable t = e; t != null; t = next(t)) {
            if (isA(t, "SMTPSendFailedException")) {
                return returnCode(t);
            }
            if (t instanceof IOException) {
                return null;
            }
        }
        return returnCode(e); // a plain MessagingException carrying the server's reply
    }

    /** The provider's (Angus Mail) refusal of a recipient: SMTPAddressFailedException. */
    private static Throwable addressFailure(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (isA(t, "SMTPAddressFailedException")) {
                return t;
            }
        }
        return null;
    }

    /** getReturnCode() of the provider's exceptions, else the three digits the server's reply starts with. */
    private static Integer returnCode(Throwable t) {
        try {
            Object code = t.getClass().getMethod("getReturnCode").invoke(t);
            if (code instanceof Integer i && i > 0) {
                return i;
            }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // fall back to the reply text
        }
        String m = t.getMessage() == null ? "" : t.getMessage().strip();
        return m.matches("^[2-5]\\d\\d\\b.*") ? Integer.valueOf(m.substring(0, 3)) : null;
    }

    private static boolean isA(Throwable t, String simpleName) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 600; t = next(t)) {
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(t.getMessage().strip());
            }
        }
        return sb.length() == 0 ? e.getClass().getSimpleName() : sb.toString().replaceAll("\\s+", " ");
    }
}
