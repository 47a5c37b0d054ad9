package dev.newsroom.stack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The modules' boundaries (docs/architecture.md), checked on the main classes of every module on
 * this module's class path: the functions, the core, the test kit and the local stack. Tooling
 * depends on the product, never the other way.
 */
class ModuleBoundariesTest {

    private static final String[] PRODUCT = {"dev.newsroom.core..", "dev.newsroom.publish..", "dev.newsroom.comments..",
        "dev.newsroom.relate..", "dev.newsroom.redirects.."};
    private static final String[] TEST_AND_BENCHMARK_LIBRARIES = {"org.junit..", "org.openjdk.jmh..", "org.awaitility.."};

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.newsroom");

    @Test
    void noProductModuleUsesTheTestKitTheLocalStackOrTheBenchmarks() {
        noClasses().that().resideInAnyPackage(PRODUCT)
                .should().dependOnClassesThat().resideInAnyPackage("dev.newsroom.testkit..", "dev.newsroom.stack..",
                        "dev.newsroom.bench..")
                .check(MAIN_CLASSES);
    }

    @Test
    void noProductModuleOrTheLocalStackUsesJUnitJmhOrAwaitility() {
        noClasses().that().resideInAnyPackage(PRODUCT).or().resideInAPackage("dev.newsroom.stack..")
                .should().dependOnClassesThat().resideInAnyPackage(TEST_AND_BENCHMARK_LIBRARIES)
                .check(MAIN_CLASSES);
    }

    @Test
    void theTestKitKnowsNoProductModule() {
        noClasses().that().resideInAPackage("dev.newsroom.testkit..")
                .should().dependOnClassesThat().resideInAnyPackage(PRODUCT)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.newsroom.stack..", "dev.newsroom.bench..")
                .check(MAIN_CLASSES);
    }

    @Test
    void inTheTestKitOnlyTheJUnitExtensionUsesJUnit() {
        noClasses().that().resideInAPackage("dev.newsroom.testkit..")
                .and().haveNameNotMatching("dev\\.newsroom\\.testkit\\.LocalServicesExtension(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("org.junit..")
                .check(MAIN_CLASSES);
    }

    /** The rules above are only as good as the classes they see: every module's main classes, and no test class. */
    @Test
    void everyModulesMainClassesAndNoTestClassAreChecked() {
        assertTrue(MAIN_CLASSES.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")));
        for (String module : new String[] {"core", "publish", "comments", "relate", "redirects", "testkit", "stack"}) {
            assertTrue(MAIN_CLASSES.stream().anyMatch(c -> c.getPackageName().startsWith("dev.newsroom." + module)),
                    () -> "no main classes of dev.newsroom." + module + " were imported");
        }
    }
}
