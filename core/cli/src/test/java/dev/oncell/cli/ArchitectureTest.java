package dev.oncell.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of ARCHITECTURE.md, checked on the compiled classes of every module the CLI
 * is built from (all of the host but search-eval): nothing outside a module reaches into its {@code
 * internal} packages, the API modules depend on nothing of the host, and {@code cell-sandbox} stays
 * JDK-only.
 */
class ArchitectureTest {

  private static final List<String> MODULES =
      List.of("runtime", "search", "llm", "server", "client", "cli", "sandbox", "testkit");

  private static JavaClasses oncell;

  @BeforeAll
  static void importClasses() {
    oncell =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.oncell");
  }

  private static ArchRule internalsStayInside(String module) {
    String root = "dev.oncell." + module;
    return noClasses()
        .that()
        .resideOutsideOfPackage(root + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + ".internal..")
        .because(root + ".internal is " + module + "'s own")
        .allowEmptyShould(true);
  }

  @Test
  void noModuleReachesIntoAnothersInternals() {
    for (String module : MODULES) {
      internalsStayInside(module).check(oncell);
    }
  }

  @Test
  void theRulesCatchAViolation() {
    // Proves the importer reads these class files (Java 25) and the rule can fail.
    JavaClasses withFixture =
        new ClassFileImporter().importPackages("dev.oncell.cli.archfixture", "dev.oncell.search");
    assertThat(internalsStayInside("search").evaluate(withFixture).hasViolation()).isTrue();
    assertThat(oncell.containPackage("dev.oncell.runtime.internal")).isTrue();
  }

  @Test
  void theRuntimesInternalPackagesAreFreeOfCycles() {
    // cell, deploy, egress, journal, llm, plugins, run, store: see core/runtime/README.md
    slices().matching("dev.oncell.runtime.internal.(*)..").should().beFreeOfCycles().check(oncell);
  }

  @Test
  void theAgentApiDependsOnNothingOfTheHost() {
    noClasses()
        .that()
        .resideInAPackage("dev.oncell.agent..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.oncell.runtime..",
            "dev.oncell.server..",
            "dev.oncell.search..",
            "dev.oncell.llm..",
            "dev.oncell.sandbox..",
            "dev.oncell.client..",
            "dev.oncell.cli..")
        .check(oncell);
  }

  @Test
  void theClientDependsOnNothingOfTheHost() {
    noClasses()
        .that()
        .resideInAPackage("dev.oncell.client..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.oncell.runtime..",
            "dev.oncell.server..",
            "dev.oncell.search..",
            "dev.oncell.llm..",
            "dev.oncell.sandbox..",
            "dev.oncell.cli..")
        .check(oncell);
  }

  @Test
  void theLanguageServerIsAClientOfTheApiOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.oncell.lsp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.oncell.runtime..",
            "dev.oncell.server..",
            "dev.oncell.search..",
            "dev.oncell.llm..",
            "dev.oncell.sandbox..",
            "dev.oncell.agent..",
            "dev.oncell.cli..")
        .check(oncell);
  }

  @Test
  void theSandboxIsJdkOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.oncell.sandbox..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("dev.oncell.sandbox..", "java..", "javax..", "jdk..", "sun..")
        .check(oncell);
  }
}
