package dev.oncell.agent.tools;

import dev.oncell.agent.ShellResult;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of a repository's tests: whether it passed, how many tests ran and how many failed when
 * the output says (unittest, pytest, Maven Surefire, the JUnit console launcher, Jest, Go with
 * {@code -v}), and the end of the output, which is what a model needs to fix a failure and what a
 * person reads first.
 *
 * <p>The counts are read from the runner's own summary lines, never guessed: an output that states
 * no count gives an empty {@link #total()}, and a gate that needs the count says so instead of
 * passing. The patterns are linear in the output (no nested quantifiers), which the sandbox caps.
 *
 * @param command the command that ran
 * @param passed whether it exited 0 within its time limit
 * @param failed failed (and erroring) tests, when the output says
 * @param total tests run, when the output says
 * @param output the last {@link #OUTPUT_TAIL} characters of stdout and stderr
 */
public record TestReport(
    String command, boolean passed, OptionalInt failed, OptionalInt total, String output) {

  /** How much of the output's end is kept: the summary and the last failures. */
  public static final int OUTPUT_TAIL = 6_000;

  private static final Pattern UNITTEST =
      Pattern.compile("FAILED \\((?:failures=(\\d+))?(?:, )?(?:errors=(\\d+))?");
  private static final Pattern UNITTEST_RAN = Pattern.compile("(?m)^Ran (\\d+) tests? in ");
  private static final Pattern PYTEST = Pattern.compile("(\\d+) (?:failed|errors?)\\b");
  private static final Pattern PYTEST_SUMMARY =
      Pattern.compile("(?m)^=+ (.*\\d+ (?:passed|failed|errors?)\\b.*) in [0-9.]+s");
  private static final Pattern PYTEST_COUNT = Pattern.compile("(\\d+) (passed|failed|errors?)\\b");
  private static final Pattern MAVEN =
      Pattern.compile("Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+)");
  private static final Pattern CONSOLE_FOUND = Pattern.compile("\\[\\s*(\\d+) tests found\\s*]");
  private static final Pattern CONSOLE_FAILED = Pattern.compile("\\[\\s*(\\d+) tests failed\\s*]");
  private static final Pattern JEST = Pattern.compile("Tests:\\s+(\\d+) failed");
  private static final Pattern JEST_TOTAL = Pattern.compile("(?m)^Tests:.*?(\\d+) total");
  private static final Pattern GO_FAIL = Pattern.compile("(?m)^\\s*--- FAIL:");
  private static final Pattern GO_RUN = Pattern.compile("(?m)^\\s*--- (?:PASS|FAIL):");

  public TestReport {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(failed, "failed");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(output, "output");
  }

  /** The report of {@code result}, the outcome of running {@code command}. */
  public static TestReport of(String command, ShellResult result) {
    String output = result.stdout() + result.stderr();
    if (result.timedOut()) {
      output += "\n(the tests timed out)";
    }
    String tail =
        output.length() <= OUTPUT_TAIL ? output : output.substring(output.length() - OUTPUT_TAIL);
    return new TestReport(command, !result.failed(), failures(output), total(output), tail);
  }

  /** The number of failed tests the output reports, if it reports one. */
  public static OptionalInt failures(String output) {
    Matcher unittest = UNITTEST.matcher(output);
    if (unittest.find()) {
      return OptionalInt.of(number(unittest.group(1)) + number(unittest.group(2)));
    }
    Matcher maven = MAVEN.matcher(output);
    int mavenFailed = -1;
    while (maven.find()) {
      mavenFailed = number(maven.group(2)) + number(maven.group(3)); // the last line is the total
    }
    if (mavenFailed >= 0) {
      return OptionalInt.of(mavenFailed);
    }
    Matcher console = CONSOLE_FAILED.matcher(output);
    if (console.find()) {
      return OptionalInt.of(number(console.group(1)));
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
    long go = GO_FAIL.matcher(output).results().count();
    return go > 0 ? OptionalInt.of((int) go) : OptionalInt.empty();
  }

  /** The number of tests the output says ran, if it says. */
  public static OptionalInt total(String output) {
    Matcher ran = UNITTEST_RAN.matcher(output);
    if (ran.find()) {
      return OptionalInt.of(number(ran.group(1)));
    }
    Matcher maven = MAVEN.matcher(output);
    int mavenRun = -1;
    while (maven.find()) {
      mavenRun = number(maven.group(1)); // the last line is the total
    }
    if (mavenRun >= 0) {
      return OptionalInt.of(mavenRun);
    }
    Matcher console = CONSOLE_FOUND.matcher(output);
    if (console.find()) {
      return OptionalInt.of(number(console.group(1)));
    }
    Matcher jest = JEST_TOTAL.matcher(output);
    if (jest.find()) {
      return OptionalInt.of(number(jest.group(1)));
    }
    Matcher summary = PYTEST_SUMMARY.matcher(output);
    if (summary.find()) {
      Matcher count = PYTEST_COUNT.matcher(summary.group(1));
      int sum = 0;
      while (count.find()) {
        sum += number(count.group(1));
      }
      return OptionalInt.of(sum);
    }
    long go = GO_RUN.matcher(output).results().count();
    return go > 0 ? OptionalInt.of((int) go) : OptionalInt.empty();
  }

  /** "running X: passed", "running X: 3 failed", or "running X: failed". */
  public String describe() {
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
