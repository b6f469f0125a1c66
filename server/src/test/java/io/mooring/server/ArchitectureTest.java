package io.mooring.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The layering of STYLE.md: controllers reach services only, and a domain's store is its own. */
class ArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mooring.server");

    @Test
    void controllersShouldNotUseStores() {
        noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(Repository.class)
                .check(SERVER);
    }

    @Test
    void storesShouldBeUsedOnlyInsideTheirOwnPackage() {
        classes()
                .that()
                .areAnnotatedWith(Repository.class)
                .should()
                .onlyHaveDependentClassesThat()
                .resideInAPackage("..")
                .andShould()
                .notBePublic()
                .check(SERVER);
    }

    @Test
    void generatedTablesShouldBeUsedOnlyByStores() {
        noClasses()
                .that()
                .areNotAnnotatedWith(Repository.class)
                .and()
                .resideOutsideOfPackage("io.mooring.server.db..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.mooring.server.db..")
                .check(SERVER);
    }

    @Test
    void platformShouldNotDependOnDomains() {
        noClasses()
                .that()
                .resideInAPackage("io.mooring.server.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.mooring.server.account..",
                        "io.mooring.server.landscape..",
                        "io.mooring.server.oauth..",
                        "io.mooring.server.audit..",
                        "io.mooring.server.pki..")
                .check(SERVER);
    }
}
