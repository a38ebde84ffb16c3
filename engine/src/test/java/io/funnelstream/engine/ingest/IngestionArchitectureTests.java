package io.funnelstream.engine.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Webhook ingestion layers point one way: json/form, then webhook, then normalize, then ingest. */
class IngestionArchitectureTests {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.funnelstream.engine");

    @Test
    void shouldHaveNoPackageCycles() {
        slices().matching("io.funnelstream.engine.(*)..").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void shouldKeepParsersAndVerifiersBelowNormalisation() {
        noClasses().that().resideInAnyPackage("..engine.json..", "..engine.form..", "..engine.webhook..")
                .should().dependOnClassesThat().resideInAnyPackage("..engine.normalize..", "..engine.ingest..")
                .check(ENGINE);
        noClasses().that().resideInAPackage("..engine.normalize..")
                .should().dependOnClassesThat().resideInAPackage("..engine.ingest..")
                .check(ENGINE);
    }

    @Test
    void shouldUseNoFrameworkOrJsonLibrary() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "com.fasterxml..", "tools.jackson..", "com.google.gson..", "jakarta..")
                .check(ENGINE);
    }
}
