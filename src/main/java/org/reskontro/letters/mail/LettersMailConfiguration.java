package org.reskontro.letters.mail;

import java.time.Clock;
import java.util.Properties;
import java.util.function.Supplier;

import jakarta.mail.Session;
import org.reskontro.letters.jdbc.LetterStore;
import org.reskontro.operations.config.ReskontroProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires sending. With {@code spring.mail.host} set, Spring Boot configures a {@link JavaMailSenderImpl} and the
 * letters go to that SMTP server (its host, port, user, password and {@code spring.mail.properties.*}, e.g.
 * {@code mail.smtp.starttls.enable}); without it they go to the outbox folder as .eml files.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LettersProperties.class)
public class LettersMailConfiguration {

    @Bean
    LetterMessages letterMessages(LettersProperties letters, ReskontroProperties properties) {
        return new LetterMessages(LetterMessages.sender(letters.from(), properties.company().name(),
                properties.company().email()));
    }

    @Bean
    PrintFolder printFolder(ReskontroProperties properties) {
        return new PrintFolder(properties.folders().print());
    }

    @Bean
    LetterSender letterSender(LetterStore store, LetterMessages messages, ObjectProvider<JavaMailSender> mailSender,
                              PrintFolder print, LettersProperties letters, ReskontroProperties properties,
                              PlatformTransactionManager transactions, Clock clock) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new LetterSender(store, messages, gateways(mailSender.getIfAvailable(), properties), print, letters, tx,
                clock, id -> { });
    }

    /** SMTP when a host is configured, else the outbox folder. */
    static Supplier<MailGateway> gateways(JavaMailSender mailSender, ReskontroProperties properties) {
        if (mailSender instanceof JavaMailSenderImpl impl && impl.getHost() != null && !impl.getHost().isBlank()) {
            Properties p = new Properties();
            p.putAll(impl.getJavaMailProperties());
            String protocol = impl.getProtocol() == null ? "smtp" : impl.getProtocol();
            // never hang a nightly job on a silent server
            p.putIfAbsent("mail." + protocol + ".connectiontimeout", "15000");
            p.putIfAbsent("mail." + protocol + ".timeout", "60000");
            p.putIfAbsent("mail." + protocol + ".writetimeout", "60000");
            if (impl.getUsername() != null && !impl.getUsername().isBlank()) {
                p.putIfAbsent("mail." + protocol + ".auth", "true");
            }
            SmtpSockets.noDelay(p, protocol);
            Session session = Session.getInstance(p);
            SmtpGateway.Server server = new SmtpGateway.Server(protocol, impl.getHost(), impl.getPort(),
                    impl.getUsername(), impl.getPassword());
            return () -> new SmtpGateway(session, server);
        }
        return () -> new EmlGateway(properties.folders().outbox());
    }
}
