package dev.oncell.plugins.migration;

import dev.oncell.agent.FileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small JUnit 4 project built without Maven (the cell has no network to resolve a build's
 * plugins): {@code run-tests.sh} compiles with {@code javac} and runs the JUnit console launcher,
 * whose vintage and Jupiter engines run the tests before, during and after the migration. The
 * launcher and JUnit 4 come from the host ({@link #supplyTools}), as an operator would provide a
 * toolchain to cells without egress; {@code .tools/} is ignored by git.
 */
final class JavaProjects {

  /** The jars the module's build copied for the cells ({@code target/cell-tools}). */
  static final Path TOOLS = Path.of("target", "cell-tools");

  static final String TESTS =
      """
      package calc;

      import static org.junit.Assert.assertEquals;
      import static org.junit.Assert.assertTrue;

      import org.junit.Before;
      import org.junit.Test;

      public class CalcTest {
        private int two;

        @Before
        public void setUp() {
          two = 2;
        }

        @Test
        public void adds() {
          assertEquals("two and three", 5, Calc.add(two, 3));
        }

        @Test
        public void positive() {
          assertTrue("a sum of positives", Calc.add(two, 1) > 0);
        }

        @Test(expected = ArithmeticException.class)
        public void dividesByZero() {
          Calc.div(1, 0);
        }
      }
      """;

  /** The model's answer to the recipe's "expected exceptions" step. */
  static final String EXPECTED_TO_ASSERT_THROWS =
      block(
          "src/test/java/calc/CalcTest.java",
          "  @Test(expected = ArithmeticException.class)\n  public void dividesByZero() {\n"
              + "    Calc.div(1, 0);\n  }\n",
          "  @Test\n  public void dividesByZero() {\n"
              + "    org.junit.Assert.assertThrows(ArithmeticException.class, () -> Calc.div(1, 0));\n"
              + "  }\n");

  /** The model's fix of the message-first assertEquals the rules cannot reorder. */
  static final String MESSAGE_LAST =
      block(
          "src/test/java/calc/CalcTest.java",
          "    assertEquals(\"two and three\", 5, Calc.add(two, 3));\n",
          "    assertEquals(5, Calc.add(two, 3), \"two and three\");\n");

  private JavaProjects() {}

  static Map<String, String> junit4() {
    Map<String, String> files = new TreeMap<>();
    files.put(".gitignore", "build/\n.tools/\n");
    files.put(".oncell/agent.yaml", "testCommand: sh run-tests.sh\n");
    files.put(
        "run-tests.sh",
        """
        set -e
        # A JDK whose configuration is inside it: Debian's OpenJDK reads /etc/java-*, which the
        # sandbox's minimal /etc does not have.
        for d in /usr/lib/jvm/*; do
          if [ -x "$d/bin/javac" ] && [ -r "$d/conf/security/java.security" ]; then JDK="$d"; fi
        done
        rm -rf build
        mkdir -p build
        "$JDK/bin/javac" -nowarn -d build -cp '.tools/*' $(find src -name '*.java')
        exec "$JDK/bin/java" -jar .tools/junit-platform-console-standalone.jar execute \\
          --disable-banner --details=summary -cp build:.tools/junit.jar:.tools/hamcrest-core.jar \\
          --scan-classpath build
        """);
    files.put(
        "src/main/java/calc/Calc.java",
        """
        package calc;

        public final class Calc {
          private Calc() {}

          public static int add(int a, int b) {
            return a + b;
          }

          public static int div(int a, int b) {
            return a / b;
          }
        }
        """);
    files.put("src/test/java/calc/CalcTest.java", TESTS);
    return files;
  }

  /** Puts the launcher and JUnit 4 into the cell's {@code .tools/}. */
  static void supplyTools(FileStore files) {
    for (String jar :
        List.of("junit-platform-console-standalone.jar", "junit.jar", "hamcrest-core.jar")) {
      try {
        files.write(".tools/" + jar, Files.readAllBytes(TOOLS.resolve(jar)));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "build the module with Maven first (it copies the cell's tools to " + TOOLS + ")", e);
      }
    }
  }

  static String block(String path, String search, String replace) {
    return path + "\n<<<<<<< SEARCH\n" + search + "=======\n" + replace + ">>>>>>> REPLACE\n";
  }
}
