package dev.oncell.plugins.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shipped recipes, applied to real-looking files, and what a bad recipe is told. */
class RecipesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Recipes SHIPPED = Recipes.load(JSON.createObjectNode());

  private static String apply(Recipe recipe, String stepName, String text) {
    RecipeStep step =
        recipe.steps().stream().filter(s -> s.name().equals(stepName)).findFirst().orElseThrow();
    return switch (Rewriter.apply(step, text.getBytes(StandardCharsets.UTF_8))) {
      case Rewriter.Outcome.Changed c -> c.text();
      case Rewriter.Outcome.Unchanged u -> text;
      case Rewriter.Outcome.Skipped s -> throw new AssertionError(s.reason());
    };
  }

  static final String JUNIT4 =
      """
      package calc;

      import static org.junit.Assert.assertEquals;
      import static org.junit.Assert.assertTrue;

      import org.junit.Before;
      import org.junit.BeforeClass;
      import org.junit.Ignore;
      import org.junit.Test;

      public class CalcTest {
        @BeforeClass
        public static void once() {}

        @Before
        public void each() {}

        @Test(timeout = 500)
        public void adds() {
          assertTrue("positive", Calc.add(2, 3) > 0);
          assertEquals(5, Calc.add(2, 3));
        }

        @Ignore
        @Test
        public void later() {}
      }
      """;

  @Test
  void findsRecipesByNamesWrittenAnyWay() {
    assertThat(SHIPPED.find("JUnit 4", "junit-5")).map(Recipe::id).contains("junit4-to-junit5");
    assertThat(SHIPPED.find("javax", "Jakarta EE")).map(Recipe::id).contains("javax-to-jakarta");
    assertThat(SHIPPED.find("java 1.8", "Java 21")).map(Recipe::id).contains("java8-to-java21");
    assertThat(SHIPPED.find("Python 3.11", "python3.12")).map(Recipe::id).contains("python-3.12");
    assertThat(SHIPPED.find("junit5", "junit4")).isEmpty();
    assertThat(SHIPPED.ids()).contains("junit4-to-junit5", "java8-to-java17");
  }

  @Test
  void junit4To5AnnotationsThenAssertions() {
    Recipe junit = SHIPPED.byId("junit4-to-junit5").orElseThrow();
    String annotated = apply(junit, "test annotations and timeouts", JUNIT4);
    assertThat(annotated)
        .contains("import org.junit.jupiter.api.Test;")
        .contains("import org.junit.jupiter.api.BeforeEach;")
        .contains("import org.junit.jupiter.api.BeforeAll;")
        .contains("import org.junit.jupiter.api.Disabled;")
        .contains("  @BeforeAll\n")
        .contains("  @BeforeEach\n")
        .contains("  @Disabled\n")
        .contains(
            "  @Test\n  @org.junit.jupiter.api.Timeout(value = 500, unit ="
                + " java.util.concurrent.TimeUnit.MILLISECONDS)\n")
        .doesNotContain("org.junit.Before;")
        .as("assertions are the next step's")
        .contains("import static org.junit.Assert.assertEquals;");
    String asserted = apply(junit, "assertions and assumptions", annotated);
    assertThat(asserted)
        .contains("import static org.junit.jupiter.api.Assertions.assertEquals;")
        .contains("assertTrue(Calc.add(2, 3) > 0, \"positive\");")
        .contains("assertEquals(5, Calc.add(2, 3));");
  }

  @Test
  void junitBuildFileGetsJupiterBesideJUnit4ThenLosesJUnit4() {
    Recipe junit = SHIPPED.byId("junit4-to-junit5").orElseThrow();
    String pom =
        "<project>\n  <dependencies>\n    <dependency>\n      <groupId>junit</groupId>\n"
            + "      <artifactId>junit</artifactId>\n      <version>4.13.2</version>\n"
            + "      <scope>test</scope>\n    </dependency>\n  </dependencies>\n</project>\n";
    String both = apply(junit, "build: JUnit 5 beside JUnit 4", pom);
    assertThat(both)
        .contains("<artifactId>junit-jupiter</artifactId>")
        .contains("junit-vintage-engine");
    assertThat(apply(junit, "build: JUnit 5 beside JUnit 4", both))
        .as("idempotent")
        .isEqualTo(both);
    String after = apply(junit, "build: JUnit 4 removed", both);
    assertThat(after)
        .contains("<artifactId>junit-jupiter</artifactId>")
        .doesNotContain("<artifactId>junit</artifactId>")
        .doesNotContain("vintage");
  }

  @Test
  void javaxToJakartaLeavesTheJdksOwnPackages() {
    Recipe jakarta = SHIPPED.byId("javax-to-jakarta").orElseThrow();
    String java =
        "import javax.servlet.http.HttpServlet;\nimport javax.annotation.PostConstruct;\n"
            + "import javax.annotation.processing.Processor;\nimport javax.transaction.xa.XAResource;\n"
            + "import javax.transaction.Transactional;\n";
    assertThat(apply(jakarta, "packages: javax to jakarta", java))
        .contains("import jakarta.servlet.http.HttpServlet;")
        .contains("import jakarta.annotation.PostConstruct;")
        .contains("import javax.annotation.processing.Processor;")
        .contains("import javax.transaction.xa.XAResource;")
        .contains("import jakarta.transaction.Transactional;");
  }

  @Test
  void java8To17BuildFileAndBoxedConstructors() {
    Recipe java17 = SHIPPED.byId("java8-to-java17").orElseThrow();
    String pom =
        "<properties>\n<maven.compiler.source>1.8</maven.compiler.source>\n"
            + "<maven.compiler.target>1.8</maven.compiler.target>\n</properties>\n";
    assertThat(apply(java17, "build: compile for Java 17", pom))
        .contains("<maven.compiler.source>17</maven.compiler.source>")
        .contains("<maven.compiler.target>17</maven.compiler.target>");
    assertThat(apply(java17, "build: compile for Java 17", "sourceCompatibility = '1.8'\n"))
        .isEqualTo("sourceCompatibility = JavaVersion.VERSION_17\n");
    assertThat(apply(java17, "boxed-value constructors to valueOf", "Integer i = new Integer(3);"))
        .isEqualTo("Integer i = Integer.valueOf(3);");
  }

  @Test
  void aCustomersRecipeWithABadRegexIsRefusedNamingTheRule() throws Exception {
    String bad =
        """
        [{"id": "mine", "from": "a", "to": "b", "usages": "x",
          "steps": [{"name": "one", "rules": [{"find": "(unclosed", "replace": ""}]}]}]
        """;
    assertThatThrownBy(() -> Recipes.parse(JSON.readTree(bad)))
        .hasMessageContaining("recipe mine step \"one\" rule 1")
        .hasMessageContaining("not a valid regex");
    String noSteps = "[{\"id\": \"x\", \"from\": \"a\", \"to\": \"b\", \"usages\": \"x\"}]";
    assertThatThrownBy(() -> Recipes.parse(JSON.readTree(noSteps)))
        .hasMessageContaining("no steps");
  }

  @Test
  void aCatastrophicRuleOnAHostileFileIsStoppedAndTheFileSkipped() throws Exception {
    Recipes mine =
        Recipes.parse(
            JSON.readTree(
                """
                [{"id": "slow", "from": "a", "to": "b", "usages": "a",
                  "steps": [{"name": "s", "rules": [{"find": "(.*a){12}b", "replace": "x"}]}]}]
                """));
    // Backtracks for seconds in java.util.regex (about 8 s here without the deadline).
    byte[] hostile = ("x".repeat(22) + "a".repeat(22)).getBytes(StandardCharsets.UTF_8);
    RecipeStep step = mine.byId("slow").orElseThrow().steps().getFirst();
    assertThat(Rewriter.apply(step, hostile))
        .isInstanceOf(Rewriter.Outcome.Skipped.class)
        .extracting(o -> ((Rewriter.Outcome.Skipped) o).reason())
        .asString()
        .startsWith("too slow");
    assertThat(Rewriter.apply(step, new byte[Rewriter.MAX_BYTES + 1]))
        .isEqualTo(
            new Rewriter.Outcome.Skipped("too large (" + (Rewriter.MAX_BYTES + 1) + " bytes)"));
    assertThat(Rewriter.apply(step, new byte[] {'a', 0, 'a'}))
        .isEqualTo(new Rewriter.Outcome.Skipped("not text"));
  }

  @Test
  void globs() {
    assertThat(Glob.of("**/pom.xml").matches("pom.xml")).isTrue();
    assertThat(Glob.of("**/pom.xml").matches("a/b/pom.xml")).isTrue();
    assertThat(Glob.of("**/*.{java,xml}").matches("src/A.xml")).isTrue();
    assertThat(Glob.of("**/*.{java,xml}").matches("src/A.py")).isFalse();
    assertThat(Glob.of("*.py").matches("a/b.py")).isFalse();
  }
}
