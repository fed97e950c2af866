package org.reskontro.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layout rules of the developers' guide, enforced. */
class ArchitectureTest {

    /** The feature roots hold the domain; adapters live in their sub-packages. */
    static final String[] DOMAIN_PACKAGES = {
            "org.reskontro.common",
            "org.reskontro.ledger",
            "org.reskontro.bankfile",
            "org.reskontro.matching",
            "org.reskontro.dunning",
            "org.reskontro.letters",
            "org.reskontro.reports",
            "org.reskontro.operations"};

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.reskontro");
    }

    @Test
    void domainPackagesDoNotDependOnSpring() {
        ArchRule rule = noClasses().that().resideInAnyPackage(DOMAIN_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..")
                .because("each feature keeps a Spring-free domain at its root");
        rule.check(classes);
    }

    @Test
    void domainDoesNotDependOnItsAdapters() {
        ArchRule rule = noClasses().that().resideInAnyPackage(DOMAIN_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage("..jdbc..", "..batch..", "..mail..", "..cli..")
                .because("adapters depend on the domain, never the other way round");
        rule.check(classes);
    }

    @Test
    void noFieldInjection() {
        ArchRule rule = noFields().should().beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
                .because("constructor injection only");
        rule.allowEmptyShould(true).check(classes);
    }

    @Test
    void noStaticNowInProductionCode() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.reskontro.operations.cli..")
                .should().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .because("time is explicit: inject a Clock, the business date is a job parameter");
        rule.check(classes);
    }
}
