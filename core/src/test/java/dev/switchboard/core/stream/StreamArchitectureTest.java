package dev.switchboard.core.stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the stream package self-contained and free of monitor-based waiting. */
class StreamArchitectureTest {

    private static final JavaClasses STREAM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchboard.core.stream");

    @Test
    void dependsOnlyOnTheJdkAndTheCorePackages() {
        // core.internal only for VirtualStarts, which lets a server batch the handlers' thread starts.
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.switchboard.core", "dev.switchboard.core.stream",
                        "dev.switchboard.core.internal")
                .check(STREAM);
    }

    @Test
    void neverWaitsOnAMonitor() {
        noClasses().should().callMethod(Object.class, "wait")
                .orShould().callMethod(Object.class, "wait", long.class)
                .check(STREAM);
    }

    @Test
    void publicClassesAreFinal() {
        classes().that().arePublic().and().areNotInterfaces().and().areNotEnums().and().areNotRecords()
                .should().haveModifier(JavaModifier.FINAL)
                .check(STREAM);
    }
}
