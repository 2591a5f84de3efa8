package dev.oncell.plugins.coding;

import dev.oncell.agent.ShellResult;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the repository's tests: whether it passed, how many tests failed when the output says
 * (unittest, pytest, Maven, Jest, Go), and the end of the output, which is what a model needs to
 * fix a failure and what a person reads first.
 */
record TestReport(String command, boolean passed, OptionalInt failed, String output) {

  /** How much of the output's end is kept: the summary and the last failures. */
  static final int OUTPUT_TAIL = 6_000;

  private static final Pattern UNITTEST =
      Pattern.compile("FAILED \\((?:failures=(\\d+))?(?:, )?(?:errors=(\\d+))?");
  private static final Pattern PYTEST = Pattern.compile("(\\d+) (?:failed|errors?)\\b");
  private static final Pattern MAVEN =
      Pattern.compile("Tests run: \\d+, Failures: (\\d+), Errors: (\\d+)");
  private static final Pattern JEST = Pattern.compile("Tests:\\s+(\\d+) failed");
  private static final Pattern GO = Pattern.compile("(?m)^\\s*--- FAIL:");

  static TestReport of(String command, ShellResult result) {
    String output = result.stdout() + result.stderr();
    if (result.timedOut()) {
      output += "\n(the tests timed out)";
    }
    String tail =
        output.length() <= OUTPUT_TAIL ? output : output.substring(output.length() - OUTPUT_TAIL);
    return new TestReport(command, !result.failed(), failures(output), tail);
  }

  /** The number of failed tests the output reports, if it reports one. */
  static OptionalInt failures(String output) {
    Matcher unittest = UNITTEST.matcher(output);
    if (unittest.find()) {
      return OptionalInt.of(number(unittest.group(1)) + number(unittest.group(2)));
    }
    Matcher maven = MAVEN.matcher(output);
    int mavenFailed = -1;
    while (maven.find()) {
      mavenFailed = number(maven.group(1)) + number(maven.group(2)); // the last line is the total
    }
    if (mavenFailed >= 0) {
      return OptionalInt.of(mavenFailed);
    }
    Matcher jest = JEST.matcher(output);
    if (jest.find()) {
      return OptionalInt.of(number(jest.group(1)));
    }
    Matcher pytest = PYTEST.matcher(output);
    int pytestFailed = 0;
    boolean found = false;
    while (pytest.find()) {
      pytestFailed += number(pytest.group(1));
      found = true;
    }
    if (found) {
      return OptionalInt.of(pytestFailed);
    }
    long go = GO.matcher(output).results().count();
    return go > 0 ? OptionalInt.of((int) go) : OptionalInt.empty();
  }

  /** "running X: passed", "running X: 3 failed", or "running X: failed". */
  String describe() {
    if (passed) {
      return "running " + command + ": passed";
    }
    return "running "
        + command
        + ": "
        + (failed.isPresent() ? failed.getAsInt() + " " : "")
        + "failed";
  }

  private static int number(String digits) {
    return digits == null ? 0 : Integer.parseInt(digits);
  }
}
