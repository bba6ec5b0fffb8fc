package org.itpump.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The one shape every service keeps (docs/architecture.md), read from the compiled classes with ArchUnit:
 * {@code api} and {@code messaging} are adapters that call {@code service}; nothing calls back into an adapter;
 * only {@code service} reaches {@code store}; {@code domain} is plain Java that every layer may use and that uses
 * none of them. A service's test calls {@link #check(String)} with its root package, e.g. {@code org.itpump.trial}.
 * A broken rule fails with ArchUnit's list of the offending dependencies.
 */
public final class LayerRules {

    private LayerRules() {
    }

    /** Checks the layers, the absence of import loops between a service's packages, and a plain-Java domain. */
    public static void check(String servicePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        layers(servicePackage).check(classes);
        slices().matching(servicePackage + ".(*)..").should().beFreeOfCycles().check(classes);
        plainJavaDomain(servicePackage).check(classes);
    }

    static com.tngtech.archunit.lang.ArchRule layers(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy(root + ".api..")
                .layer("messaging").definedBy(root + ".messaging..")
                .layer("service").definedBy(root + ".service..")
                .layer("store").definedBy(root + ".store..")
                .layer("domain").definedBy(root + ".domain..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("messaging").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("api", "messaging")
                .whereLayer("store").mayOnlyBeAccessedByLayers("service")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("api", "messaging", "service", "store");
    }

    // The domain is unit-tested without Quarkus, so it may not lean on a framework or on the persistence layer.
    static com.tngtech.archunit.lang.ArchRule plainJavaDomain(String root) {
        return noClasses().that().resideInAPackage(root + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "io.vertx..",
                        "org.hibernate..", "jakarta.persistence..", "jakarta.ws.rs..", "org.eclipse.microprofile..",
                        "org.apache.kafka..")
                .because("domain/ holds aggregates and rules in plain Java, unit-tested without Quarkus");
    }
}
