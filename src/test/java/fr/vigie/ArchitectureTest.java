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

  /** Every package directly under {@code fr.vigie}: a new module is guarded without a list. */
  static List<String> modules() {
    List<String> modules =
        MAIN.stream()
            .map(c -> c.getPackageName())
            .filter(p -> p.startsWith("fr.vigie."))
            .map(p -> p.substring("fr.vigie.".length()).split("\\.")[0])
            .distinct()
            .sorted()
            .toList();
    if (!modules.containsAll(List.of("intake", "tickets", "stats", "web"))) {
      throw new IllegalStateException("the modules were not found: " + modules);
    }
    return modules;
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
