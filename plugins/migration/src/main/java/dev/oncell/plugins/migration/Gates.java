package dev.oncell.plugins.migration;

import dev.oncell.agent.Context;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.tools.Progress;
import dev.oncell.agent.tools.TestReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;

/**
 * What every step must pass before it is committed, checked by the agent's own code on the cell's
 * real build, never taken from the model: the build and tests pass; the number of tests does not
 * drop; no test method that existed is deleted or emptied (from the sources, {@link TestMethods});
 * line coverage, where the project writes a report, drops by at most {@link
 * Settings#maxCoverageDrop()} points.
 */
final class Gates {

  /** The state the migration starts from, which every step is compared with. */
  record Baseline(
      TestReport tests, int count, SortedMap<String, Boolean> methods, OptionalDouble coverage) {}

  /** One check of the gates: passed when there are no problems. */
  record Check(TestReport tests, int count, OptionalDouble coverage, List<String> problems) {
    boolean passed() {
      return problems.isEmpty();
    }
  }

  private final Context ctx;
  private final Settings settings;
  private final String testCommand;
  private final TestInventory inventory;
  private Optional<String> coverageReport;

  Gates(Context ctx, Settings settings, String testCommand, TestInventory inventory) {
    this.ctx = ctx;
    this.settings = settings;
    this.testCommand = testCommand;
    this.inventory = inventory;
    this.coverageReport = settings.coverageReport();
  }

  /** Runs the tests on the unchanged repository. */
  Baseline baseline(List<String> trackedFiles) {
    TestReport tests = runTests();
    if (coverageReport.isEmpty()) {
      coverageReport =
          Coverage.USUAL_REPORTS.stream()
              .filter(p -> !trackedFiles.contains(p) && ctx.store().exists(p))
              .findFirst();
    }
    SortedMap<String, Boolean> methods = inventory.methods();
    return new Baseline(tests, count(tests, methods), methods, coverage());
  }

  /** Runs the tests on the repository as the step left it and compares with {@code base}. */
  Check check(Baseline base) {
    TestReport tests = runTests();
    SortedMap<String, Boolean> methods = inventory.methods();
    int count = count(tests, methods);
    OptionalDouble coverage = coverage();
    List<String> problems = new ArrayList<>();
    if (!tests.passed()) {
      problems.add("the build or the tests fail (" + tests.describe() + ")");
    }
    if (count < base.count()) {
      problems.add("the number of tests dropped from " + base.count() + " to " + count);
    }
    List<String> deleted = new ArrayList<>();
    List<String> emptied = new ArrayList<>();
    for (Map.Entry<String, Boolean> before : base.methods().entrySet()) {
      Boolean now = methods.get(before.getKey());
      if (now == null) {
        deleted.add(before.getKey());
      } else if (before.getValue() && !now) {
        emptied.add(before.getKey());
      }
    }
    if (!deleted.isEmpty()) {
      problems.add("test methods deleted: " + String.join(", ", deleted));
    }
    if (!emptied.isEmpty()) {
      problems.add("test methods emptied: " + String.join(", ", emptied));
    }
    if (base.coverage().isPresent()) {
      if (coverage.isEmpty()) {
        problems.add("the coverage report " + coverageReport.orElse("") + " was not written");
      } else if (base.coverage().getAsDouble() - coverage.getAsDouble()
          > settings.maxCoverageDrop()) {
        problems.add(
            "line coverage dropped from "
                + percent(base.coverage().getAsDouble())
                + " to "
                + percent(coverage.getAsDouble())
                + " (at most "
                + settings.maxCoverageDrop()
                + " points allowed)");
      }
    }
    return new Check(tests, count, coverage, List.copyOf(problems));
  }

  Optional<String> coverageReport() {
    return coverageReport;
  }

  /** The runner's own count when its output states one, else the test methods in the sources. */
  private static int count(TestReport tests, SortedMap<String, Boolean> methods) {
    return tests.total().orElse(methods.size());
  }

  private TestReport runTests() {
    coverageReport.filter(p -> ctx.store().exists(p)).ifPresent(p -> ctx.store().delete(p, false));
    Progress.say(ctx, "test", "running " + testCommand);
    TestReport report =
        TestReport.of(
            testCommand,
            ctx.shell(testCommand, ShellOptions.defaults().withTimeout(settings.testTimeout())));
    Progress.say(ctx, "test", report.describe());
    return report;
  }

  private OptionalDouble coverage() {
    if (coverageReport.isEmpty() || !ctx.store().exists(coverageReport.get())) {
      return OptionalDouble.empty();
    }
    String path = coverageReport.get();
    return Coverage.percent(path, ctx.store().read(path));
  }

  static String percent(double value) {
    return String.format(Locale.ROOT, "%.1f%%", value);
  }
}
