package org.reskontro.letters.render;

import org.reskontro.letters.Creditor;
import org.reskontro.letters.mail.LettersProperties;
import org.reskontro.operations.config.ReskontroProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the one letter renderer (its template engine is created once and caches parsed templates). */
@Configuration(proxyBeanMethods = false)
public class LettersRenderConfiguration {

    @Bean
    LetterRenderer letterRenderer(ReskontroProperties properties, LettersProperties letters) {
        return new LetterRenderer(letters.templates(), creditor(properties.company()), letters.effectiveSubjects());
    }

    static Creditor creditor(ReskontroProperties.Company c) {
        return new Creditor(c.name(), c.orgNo(), c.address(), c.postalCode(), c.city(), c.country(), c.bankAccount(),
                c.iban(), c.bankgiro(), c.email());
    }
}
