package fr.vigie;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Module boundaries (STYLE.md): a module's helpers in {@code internal} are its own, and modules do
 * not depend on each other in a cycle.
 */
class ArchitectureTest {

  static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("fr.vigie");

  static List<String> modules() {
    return List.of(
        "intake",
        "triage",
        "tickets",
        "routing",
        "clocks",
        "notify",
        "mail",
        "stats",
        "observables",
        "security",
        "audit",
        "geo",
        "db",
        "http",
        "time");
  }

  @ParameterizedTest
  @MethodSource("modules")
  void noModuleReachesIntoAnotherModulesInternals(String module) {
    noClasses()
        .that()
        .resideOutsideOfPackage("fr.vigie." + module + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("fr.vigie." + module + ".internal..")
        .allowEmptyShould(true)
        .check(MAIN);
  }

  @Test
  void modulesFormNoCycle() {
    slices().matching("fr.vigie.(*)..").should().beFreeOfCycles().check(MAIN);
  }
}
