package dev.newsroom.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * How core's packages may depend on each other. The domain (articles, rendering, ranking, listings,
 * the site's layout) is pure, so it is tested without AWS and the adapters stay thin around it.
 */
@AnalyzeClasses(packages = "dev.newsroom.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] PURE = {"dev.newsroom.core.article..", "dev.newsroom.core.shortcode..", "dev.newsroom.core.render..",
            "dev.newsroom.core.related..", "dev.newsroom.core.index..", "dev.newsroom.core.site..", "dev.newsroom.core.settings..",
            "dev.newsroom.core.image.."};

    @ArchTest
    static final ArchRule purePackagesUseNoAwsSdk = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..");

    @ArchTest
    static final ArchRule purePackagesUseNoAdapter = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().resideInAnyPackage("dev.newsroom.core.store..", "dev.newsroom.core.aws..",
                    "dev.newsroom.core.pages..");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.newsroom.core.(*)..").should().beFreeOfCycles();
}
