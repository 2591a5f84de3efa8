package dev.oncell.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.agent.ShellResult;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The counts each test runner's own summary states, and none where it states none. */
class TestReportTest {

  private static TestReport report(String stdout, String stderr, int exit) {
    return TestReport.of("t", new ShellResult(stdout, stderr, exit, false, false, Duration.ZERO));
  }

  @Test
  void unittestStatesHowManyRanAndFailed() {
    TestReport r = report("", "..F\nRan 3 tests in 0.001s\n\nFAILED (failures=1)\n", 1);
    assertThat(r.total()).isEqualTo(OptionalInt.of(3));
    assertThat(r.failed()).isEqualTo(OptionalInt.of(1));
    assertThat(r.describe()).isEqualTo("running t: 1 failed");
    assertThat(report("", "Ran 1 test in 0.000s\n\nOK\n", 0).total()).hasValue(1);
  }

  @Test
  void pytestSumsItsSummaryLine() {
    TestReport r = report("=========== 2 failed, 5 passed, 1 error in 0.12s ===========\n", "", 1);
    assertThat(r.total()).hasValue(8);
    assertThat(r.failed()).hasValue(3);
  }

  @Test
  void mavenTakesTheLastTotalLine() {
    String out =
        "Tests run: 2, Failures: 0, Errors: 0, Skipped: 0\n"
            + "Tests run: 5, Failures: 1, Errors: 1, Skipped: 0\n";
    TestReport r = report(out, "", 1);
    assertThat(r.total()).hasValue(5);
    assertThat(r.failed()).hasValue(2);
  }

  @Test
  void theJUnitConsoleLauncherSummary() {
    String out = "[         4 tests found           ]\n[         1 tests failed          ]\n";
    TestReport r = report(out, "", 1);
    assertThat(r.total()).hasValue(4);
    assertThat(r.failed()).hasValue(1);
  }

  @Test
  void jestAndGo() {
    assertThat(report("Tests:       1 failed, 2 passed, 3 total\n", "", 1).total()).hasValue(3);
    assertThat(report("--- PASS: TestA\n--- FAIL: TestB\n", "", 1).total()).hasValue(2);
  }

  @Test
  void anOutputWithoutASummaryHasNoCount() {
    TestReport r = report("all good\n", "", 0);
    assertThat(r.total()).isEmpty();
    assertThat(r.failed()).isEmpty();
    assertThat(r.describe()).isEqualTo("running t: passed");
  }

  @Test
  void onlyTheEndOfALongOutputIsKept() {
    TestReport r = report("x".repeat(TestReport.OUTPUT_TAIL * 2) + "END", "", 0);
    assertThat(r.output()).hasSize(TestReport.OUTPUT_TAIL).endsWith("END");
  }
}
