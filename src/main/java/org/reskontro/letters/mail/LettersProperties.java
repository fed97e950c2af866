package org.reskontro.letters.mail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.reskontro.letters.render.LetterRenderer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the letters under {@code reskontro.letters.*}. The SMTP server itself is configured with the
 * standard {@code spring.mail.*} properties; without {@code spring.mail.host} letters go to the outbox folder as
 * {@code .eml} files.
 *
 * @param from            the sender, e.g. {@code "Eksempel Regnskap AS <faktura@eksempel.no>"}; default: the
 *                        company's name and e-mail address
 * @param templates       the folder whose templates override the built-in ones
 * @param subjects        subject lines per language and level ({@code subjects.nb.1: "Påminnelse – {company}"});
 *                        placeholders {@code {company}}, {@code {customerNo}}, {@code {level}}
 * @param retryBackoff    the wait after the first transient failure; doubles with each further attempt
 * @param retryBackoffMax the longest wait between attempts
 * @param maxAttempts     after this many failed attempts a letter is FAILED and left for a person
 */
@ConfigurationProperties("reskontro.letters")
public record LettersProperties(
        String from,
        @DefaultValue("config/templates") Path templates,
        Map<String, Map<String, String>> subjects,
        @DefaultValue("5m") Duration retryBackoff,
        @DefaultValue("6h") Duration retryBackoffMax,
        @DefaultValue("10") int maxAttempts) {

    /** The configured subjects over the built-in ones. */
    public LetterRenderer.Subjects effectiveSubjects() {
        Map<String, Map<String, String>> merged = new HashMap<>();
        LetterRenderer.Subjects.defaults().forEach((lang, m) -> merged.put(lang, new HashMap<>(m)));
        if (subjects != null) {
            subjects.forEach((lang, m) -> merged.computeIfAbsent(lang, k -> new HashMap<>()).putAll(m));
        }
        return new LetterRenderer.Subjects(merged);
    }

    /** The wait before attempt number {@code attempts + 1}: backoff, doubled per attempt, capped. */
    public Duration backoffAfter(int attempts) {
        Duration d = retryBackoff;
        for (int i = 1; i < attempts && d.compareTo(retryBackoffMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(retryBackoffMax) > 0 ? retryBackoffMax : d;
    }
}
