package io.funnelstream.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.funnelstream.api.layerfixture.ApiHandler;
import io.funnelstream.engine.layerfixture.EngineReachingIntoApi;
import io.funnelstream.engine.layerfixture.EngineReachingIntoInfra;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.infra.layerfixture.InfraAdapter;
import io.funnelstream.infra.layerfixture.InfraReachingIntoApi;
import io.funnelstream.infra.layerfixture.InfraUsingBoot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point inward only: api -> infra -> engine, and only the api knows Spring Boot. Checked over
 * every production class of every module on this classpath; each rule is shown to fail on a fixture.
 */
class LayeringRulesTests {

    private static final String ENGINE = "io.funnelstream.engine..";
    private static final String INFRA = "io.funnelstream.infra..";
    private static final String API = "io.funnelstream.api..";

    static final ArchRule ENGINE_DOES_NOT_DEPEND_ON_INFRA = noClasses()
            .that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAPackage(INFRA)
            .because("the engine reaches adapters only through its ports");

    static final ArchRule ENGINE_DOES_NOT_DEPEND_ON_API = noClasses()
            .that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAPackage(API)
            .because("dependencies point inward");

    // Infra may have no classes yet; the rule still binds every class it gets, and the fixture test below
    // shows it is not vacuous.
    static final ArchRule INFRA_DOES_NOT_DEPEND_ON_API = noClasses()
            .that().resideInAPackage(INFRA)
            .should().dependOnClassesThat().resideInAPackage(API)
            .because("dependencies point inward")
            .allowEmptyShould(true);

    static final ArchRule INFRA_DOES_NOT_DEPEND_ON_SPRING_BOOT = noClasses()
            .that().resideInAPackage(INFRA)
            .should().dependOnClassesThat().resideInAPackage("org.springframework.boot..")
            .because("only the api module is a Spring Boot application; adapters are wired by it")
            .allowEmptyShould(true);

    private static final List<ArchRule> RULES = List.of(
            ENGINE_DOES_NOT_DEPEND_ON_INFRA,
            ENGINE_DOES_NOT_DEPEND_ON_API,
            INFRA_DOES_NOT_DEPEND_ON_API,
            INFRA_DOES_NOT_DEPEND_ON_SPRING_BOOT);

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.funnelstream");

    @Test
    void shouldCheckProductionClassesOfEveryModuleButNoTestClass() {
        assertThat(PRODUCTION.contain(FunnelstreamApplication.class)).isTrue();
        assertThat(PRODUCTION.contain(Stage.class)).isTrue();
        assertThat(PRODUCTION.contain(InfraUsingBoot.class)).isFalse();
        assertThat(PRODUCTION.contain(LayeringRulesTests.class)).isFalse();
    }

    @Test
    void shouldKeepEngineIndependentOfInfra() {
        ENGINE_DOES_NOT_DEPEND_ON_INFRA.check(PRODUCTION);
    }

    @Test
    void shouldKeepEngineIndependentOfApi() {
        ENGINE_DOES_NOT_DEPEND_ON_API.check(PRODUCTION);
    }

    @Test
    void shouldKeepInfraIndependentOfApi() {
        INFRA_DOES_NOT_DEPEND_ON_API.check(PRODUCTION);
    }

    @Test
    void shouldKeepSpringBootOutOfInfra() {
        INFRA_DOES_NOT_DEPEND_ON_SPRING_BOOT.check(PRODUCTION);
    }

    @Test
    void shouldFailWhenEngineUsesInfra() {
        assertViolatedBy(ENGINE_DOES_NOT_DEPEND_ON_INFRA, EngineReachingIntoInfra.class);
    }

    @Test
    void shouldFailWhenEngineUsesApi() {
        assertViolatedBy(ENGINE_DOES_NOT_DEPEND_ON_API, EngineReachingIntoApi.class);
    }

    @Test
    void shouldFailWhenInfraUsesApi() {
        assertViolatedBy(INFRA_DOES_NOT_DEPEND_ON_API, InfraReachingIntoApi.class);
    }

    @Test
    void shouldFailWhenInfraUsesSpringBoot() {
        assertViolatedBy(INFRA_DOES_NOT_DEPEND_ON_SPRING_BOOT, InfraUsingBoot.class);
    }

    @Test
    void shouldPassEveryRuleOnInwardDependencies() {
        JavaClasses inward = new ClassFileImporter().importClasses(ApiHandler.class, InfraAdapter.class, Stage.class);

        for (ArchRule rule : RULES) {
            assertThat(rule.evaluate(inward).hasViolation()).as(rule.getDescription()).isFalse();
        }
    }

    private static void assertViolatedBy(ArchRule rule, Class<?> fixture) {
        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(fixture));

        assertThat(result.hasViolation())
                .as("%s breaks: %s", fixture.getSimpleName(), rule.getDescription())
                .isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(fixture.getName()));
    }
}
