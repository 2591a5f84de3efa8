package dev.oncell.plugins.migration;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Test methods found by simple parsing, and which of them do nothing. */
class TestMethodsTest {

  @Test
  void javaTestsOfJUnit4And5WithEmptyBodies() {
    String java =
        """
        class CalcTest {
          // @Test in a comment is not a test
          String s = "@Test void fake() {}";

          @Test
          public void adds() {
            assertEquals(5, add(2, 3)); // }
          }

          @Test(expected = IllegalStateException.class)
          public void throwsIt() throws Exception { fail("{"); }

          @ParameterizedTest
          @ValueSource(ints = {1, 2})
          void many(int x) {
            /* nothing here */
          }

          @org.junit.jupiter.api.Test
          void qualified() {}

          void helper() { }
        }
        """;
    assertThat(TestMethods.java(java))
        .containsExactly(
            entry("CalcTest.adds", true),
            entry("CalcTest.many", false),
            entry("CalcTest.qualified", false),
            entry("CalcTest.throwsIt", true));
  }

  @Test
  void junit3TestCaseMethods() {
    String java =
        "public class OldTest extends TestCase {\n  public void testIt() { assertTrue(true); }\n"
            + "  public void helper() {}\n}\n";
    assertThat(TestMethods.java(java)).containsOnlyKeys("OldTest.testIt");
  }

  @Test
  void pythonTestsInClassesAndModules() {
    String py =
        """
        import unittest


        class CalcTest(unittest.TestCase):
            def test_add(self):
                self.assertEqual(1 + 1, 2)

            def test_empty(self):
                \"\"\"Nothing yet.

                Really.
                \"\"\"
                pass

            def helper(self):
                return 1

            def test_multi_line(
                self,
            ):
                # a comment
                ...


        def test_module_level():
            assert True
        """;
    assertThat(TestMethods.python(py))
        .containsExactly(
            entry("CalcTest.test_add", true),
            entry("CalcTest.test_empty", false),
            entry("CalcTest.test_multi_line", false),
            entry("test_module_level", true));
  }

  @Test
  void testFilesByName() {
    assertThat(TestMethods.isTestFile("src/test/java/a/CalcTest.java")).isTrue();
    assertThat(TestMethods.isTestFile("src/main/java/a/Calc.java")).isFalse();
    assertThat(TestMethods.isTestFile("tests/test_calc.py")).isTrue();
    assertThat(TestMethods.isTestFile("calc_test.py")).isTrue();
    assertThat(TestMethods.isTestFile("calc.py")).isFalse();
  }

  @Test
  void coverageReports() {
    assertThat(
            Coverage.percent(
                "coverage.json", "{\"totals\": {\"percent_covered\": 87.5}}".getBytes()))
        .hasValue(87.5);
    String jacoco =
        "<report><package><counter type=\"LINE\" missed=\"1\" covered=\"1\"/></package>"
            + "<counter type=\"LINE\" missed=\"1\" covered=\"3\"/></report>";
    assertThat(Coverage.percent("jacoco.xml", jacoco.getBytes())).hasValue(75.0);
    assertThat(Coverage.percent("coverage.xml", "<coverage line-rate=\"0.5\">".getBytes()))
        .hasValue(50.0);
    assertThat(Coverage.percent("lcov.info", "LF:10\nLH:9\nLF:10\nLH:7\n".getBytes()))
        .hasValue(80.0);
    assertThat(Coverage.percent("coverage.json", "not json".getBytes())).isEmpty();
  }
}
