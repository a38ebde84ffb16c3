package io.funnelstream.engine;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.funnelstream.engine.archfixture.banned.BlocksOnFlux;
import io.funnelstream.engine.archfixture.banned.BlocksOnMono;
import io.funnelstream.engine.archfixture.banned.LowersCaseByDefaultLocale;
import io.funnelstream.engine.archfixture.banned.Sleeps;
import io.funnelstream.engine.archfixture.banned.UppersCaseByDefaultLocale;
import io.funnelstream.engine.archfixture.clean.MapsCaseInRootLocale;
import io.funnelstream.engine.archfixture.cycle.a.First;
import io.funnelstream.engine.archfixture.cycle.b.Second;
import io.funnelstream.engine.archfixture.sql.ReadsJdbc;
import io.funnelstream.engine.lifecycle.MessageLifecycle;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The engine is pure domain and streaming logic: no framework, no driver, no JSON library, no blocking.
 * Each rule is checked against the production classes and shown to fail on a fixture that breaks it.
 */
class EngineDependencyRulesTests {

    private static final String ENGINE = "io.funnelstream.engine..";

    static final ArchRule ENGINE_DEPENDS_ON_NO_FRAMEWORK_OR_DRIVER = noClasses()
            .that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..",
                    "io.r2dbc..",
                    "io.lettuce..",
                    "org.apache.kafka..",
                    "reactor.kafka..",
                    "tools.jackson..",
                    "com.fasterxml..",
                    "java.sql..",
                    "io.netty..",
                    "org.postgresql..")
            .because("adapters live in infra behind the engine's ports");

    static final ArchRule ENGINE_HAS_NO_PACKAGE_CYCLES = slices()
            .matching("io.funnelstream.engine.(**)")
            .should().beFreeOfCycles();

    static final ArchRule ENGINE_NEVER_BLOCKS = noClasses()
            .that().resideInAPackage(ENGINE)
            .should().callMethodWhere(callTo(Mono.class, nameStartingWith("block")))
            .orShould().callMethodWhere(callTo(Flux.class, nameStartingWith("block")))
            .orShould().callMethodWhere(callTo(Thread.class, name("sleep")))
            .because("a blocked event loop stalls every stream on it");

    static final ArchRule ENGINE_MAPS_CASE_WITH_A_LOCALE = noClasses()
            .that().resideInAPackage(ENGINE)
            .should().callMethod(String.class, "toLowerCase")
            .orShould().callMethod(String.class, "toUpperCase")
            .because("the default locale changes slugs and keys (Turkish dotless i); pass Locale.ROOT");

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.funnelstream.engine");

    private static DescribedPredicate<JavaCall<?>> callTo(
            Class<?> owner, DescribedPredicate<? super JavaCall<?>> named) {
        return target(owner(assignableTo(owner))).and(named.forSubtype());
    }

    @Test
    void shouldCheckTheProductionClassesOnly() {
        assertThat(PRODUCTION.contain(MessageLifecycle.class)).isTrue();
        assertThat(PRODUCTION.contain(ReadsJdbc.class)).isFalse();
    }

    @Test
    void shouldKeepEngineFreeOfFrameworksAndDrivers() {
        ENGINE_DEPENDS_ON_NO_FRAMEWORK_OR_DRIVER.check(PRODUCTION);
    }

    @Test
    void shouldKeepEnginePackagesFreeOfCycles() {
        ENGINE_HAS_NO_PACKAGE_CYCLES.check(PRODUCTION);
    }

    @Test
    void shouldNeverBlockInEngine() {
        ENGINE_NEVER_BLOCKS.check(PRODUCTION);
    }

    @Test
    void shouldMapCaseWithAnExplicitLocaleInEngine() {
        ENGINE_MAPS_CASE_WITH_A_LOCALE.check(PRODUCTION);
    }

    @Test
    void shouldFailDependencyRuleOnJdbcInEngine() {
        assertViolatedBy(ENGINE_DEPENDS_ON_NO_FRAMEWORK_OR_DRIVER, ReadsJdbc.class);
    }

    @Test
    void shouldFailCycleRuleOnPackagesThatUseEachOther() {
        EvaluationResult result = ENGINE_HAS_NO_PACKAGE_CYCLES.evaluate(fixtures(First.class, Second.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("cycle.a", "cycle.b");
    }

    @Test
    void shouldFailBlockingRuleOnEveryBannedCall() {
        assertViolatedBy(ENGINE_NEVER_BLOCKS, BlocksOnMono.class);
        assertViolatedBy(ENGINE_NEVER_BLOCKS, BlocksOnFlux.class);
        assertViolatedBy(ENGINE_NEVER_BLOCKS, Sleeps.class);
    }

    @Test
    void shouldFailLocaleRuleOnCaseMappingWithoutLocale() {
        assertViolatedBy(ENGINE_MAPS_CASE_WITH_A_LOCALE, LowersCaseByDefaultLocale.class);
        assertViolatedBy(ENGINE_MAPS_CASE_WITH_A_LOCALE, UppersCaseByDefaultLocale.class);
    }

    @Test
    void shouldPassEveryRuleOnCodeThatFollowsThem() {
        JavaClasses clean = fixtures(MapsCaseInRootLocale.class);

        List<ArchRule> rules =
                List.of(ENGINE_DEPENDS_ON_NO_FRAMEWORK_OR_DRIVER, ENGINE_NEVER_BLOCKS, ENGINE_MAPS_CASE_WITH_A_LOCALE);
        for (ArchRule rule : rules) {
            assertThat(rule.evaluate(clean).hasViolation()).as(rule.getDescription()).isFalse();
        }
    }

    private static void assertViolatedBy(ArchRule rule, Class<?> fixture) {
        EvaluationResult result = rule.evaluate(fixtures(fixture));

        assertThat(result.hasViolation())
                .as("%s breaks: %s", fixture.getSimpleName(), rule.getDescription())
                .isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(fixture.getName()));
    }

    private static JavaClasses fixtures(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }
}
