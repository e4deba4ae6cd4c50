package dev.latchkey.bootstrap;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The hexagon's rules (../shared/CONVENTIONS.md), checked on the production classes of every module. */
@AnalyzeClasses(packages = "dev.latchkey", importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
    private static final String PORT_IN = "dev.latchkey.application.port.in";
    private static final String SERVICES = "dev.latchkey.application.service";

    /** Test code packaged as a test-jar (the persistence module's embedded-PostgreSQL support) is not production code. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    /** The domain is one ring (models and the rules on them); application services and ports wrap it. */
    @ArchTest
    static final ArchRule onion = onionArchitecture()
            .domainModels("dev.latchkey.domain..")
            .domainServices("dev.latchkey.domain..")
            .applicationServices("dev.latchkey.application..")
            .adapter("web", "dev.latchkey.adapters.web..")
            .adapter("persistence", "dev.latchkey.adapters.persistence..")
            .adapter("connectors", "dev.latchkey.adapters.connectors..")
            .adapter("metrics", "dev.latchkey.adapters.metrics..")
            .withOptionalLayers(false)
            // bootstrap is the composition root: it may wire any ring to any adapter.
            .ignoreDependency(resideInAPackage("dev.latchkey.bootstrap.."), alwaysTrue());

    @ArchTest
    static final ArchRule domain_is_plain_java = classes().that().resideInAPackage("dev.latchkey.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.latchkey.domain..", "java..");

    @ArchTest
    static final ArchRule application_depends_on_the_domain_and_java_only = classes().that().resideInAPackage("dev.latchkey.application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.latchkey.application..", "dev.latchkey.domain..", "java..");

    @ArchTest
    static final ArchRule nothing_but_bootstrap_depends_on_bootstrap = noClasses().that().resideOutsideOfPackage("dev.latchkey.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("dev.latchkey.bootstrap..");

    /** Besides use cases, port.in holds their Command, Query and Result types; a Result may be a sealed interface. */
    @ArchTest
    static final ArchRule in_ports_are_use_cases = classes().that().resideInAPackage("dev.latchkey.application.port.in..")
            .and().areInterfaces().and().haveSimpleNameNotEndingWith("Result")
            .should().haveSimpleNameEndingWith("UseCase");

    @ArchTest
    static final ArchRule out_ports_are_ports = classes().that().resideInAPackage("dev.latchkey.application.port.out..")
            .and().areInterfaces().should().haveSimpleNameEndingWith("Port");

    /**
     * One service per use case: {@code <Verb><Noun>Service} implements {@code <Verb><Noun>UseCase} and no other
     * use case. Code that services share lives in helpers that are not named {@code Service}.
     */
    @ArchTest
    static final ArchRule each_service_implements_the_use_case_it_is_named_after = classes()
            .that().resideInAPackage("dev.latchkey.application.service..").and().areTopLevelClasses()
            .and().haveSimpleNameEndingWith("Service")
            .should(implementOnlyTheUseCaseNamedAfterThem());

    @ArchTest
    static final ArchRule each_use_case_has_exactly_one_service = classes()
            .that().resideInAPackage("dev.latchkey.application.port.in..").and().areInterfaces()
            .and().haveSimpleNameEndingWith("UseCase")
            .should(beImplementedByOneServiceNamedAfterThem());

    @ArchTest
    static final ArchRule use_cases_are_implemented_by_services = classes().that(implementAUseCase())
            .should().resideInAPackage("dev.latchkey.application.service..").andShould().haveSimpleNameEndingWith("Service");

    @ArchTest
    static final ArchRule web_adapters_go_through_use_cases = noClasses().that().resideInAPackage("dev.latchkey.adapters.web..")
            .should().dependOnClassesThat().resideInAPackage("dev.latchkey.application.port.out..");

    @ArchTest
    static final ArchRule time_comes_from_an_injected_clock = noClasses().that()
            .resideInAnyPackage("dev.latchkey.domain..", "dev.latchkey.application..")
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(System.class, "currentTimeMillis");

    @ArchTest
    static final ArchRule modules_are_free_of_cycles = slices().matching("dev.latchkey.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("dev.latchkey.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_field_injection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule no_standard_streams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule no_generic_exceptions = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    @ArchTest
    static final ArchRule no_java_util_logging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    private static ArchCondition<JavaClass> implementOnlyTheUseCaseNamedAfterThem() {
        return new ArchCondition<>("implement exactly one use case, the one named after them (XService implements XUseCase)") {
            @Override
            public void check(JavaClass service, ConditionEvents events) {
                String expected = useCaseNameOf(service);
                List<String> useCases = service.getAllRawInterfaces().stream()
                        .filter(i -> i.getPackageName().startsWith(PORT_IN)).map(JavaClass::getSimpleName).sorted().toList();
                if (!useCases.equals(List.of(expected))) {
                    events.add(SimpleConditionEvent.violated(service, service.getName() + " implements " + useCases
                            + " instead of exactly [" + expected + "]"));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> beImplementedByOneServiceNamedAfterThem() {
        return new ArchCondition<>("be implemented by exactly one class, named after them (XUseCase by XService)") {
            @Override
            public void check(JavaClass useCase, ConditionEvents events) {
                String expected = SERVICES + "." + useCase.getSimpleName().replaceFirst("UseCase$", "Service");
                List<String> implementations = useCase.getAllSubclasses().stream()
                        .filter(c -> !c.isInterface()).map(JavaClass::getName).sorted().toList();
                if (!implementations.equals(List.of(expected))) {
                    events.add(SimpleConditionEvent.violated(useCase, useCase.getName() + " is implemented by " + implementations
                            + " instead of exactly [" + expected + "]"));
                }
            }
        };
    }

    private static String useCaseNameOf(JavaClass service) {
        return service.getSimpleName().replaceFirst("Service$", "UseCase");
    }

    private static DescribedPredicate<JavaClass> implementAUseCase() {
        return DescribedPredicate.describe("implement a use case", javaClass -> !javaClass.isInterface()
                && javaClass.getAllRawInterfaces().stream().anyMatch(i -> i.getSimpleName().endsWith("UseCase")));
    }
}
