package dev.oncell.eval;

import dev.oncell.cli.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code oncell eval review}: the review agent on every pull request of a suite; a row per task
 * (expected, reported, matched, precision, recall, verdict, tokens, time) and a summary line with
 * the suite's precision and recall (over all findings, not an average of the tasks').
 */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description = {
      "Run the review agent on a suite of pull requests and score its findings against the",
      "expected ones (file, line range, category): precision and recall."
    })
final class ReviewEvalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin EvalOptions options;

  @Override
  public Integer call() throws Exception {
    ModelChoice model = ModelChoice.parse(options.model);
    List<ReviewTask> tasks = new ArrayList<>();
    for (Path dir : Suite.tasks(options.suite, options.tasks)) {
      tasks.add(ReviewTask.read(dir));
    }
    List<Optional<List<String>>> answers = new ArrayList<>();
    for (ReviewTask task : tasks) {
      answers.add(
          model instanceof ModelChoice.Scripted s
              ? Optional.of(Suite.answers(s.dir(), task.name()))
              : Optional.empty());
    }
    EvalOptions.quiet();
    List<ReviewEval.Outcome> outcomes = new ArrayList<>();
    try (EvalHost env =
        EvalHost.open(
            options.pluginJar("review"), model, options.operatorConfig(), options.sandbox)) {
      ReviewEval eval = new ReviewEval(env);
      for (int i = 0; i < tasks.size(); i++) {
        outcomes.add(eval.run(tasks.get(i), answers.get(i)));
      }
    }
    print(spec.commandLine().getOut(), outcomes);
    return 0;
  }

  static String ratio(int part, int whole) {
    return whole == 0 ? "-" : String.format("%.2f", (double) part / whole);
  }

  static void print(PrintWriter out, List<ReviewEval.Outcome> outcomes) {
    Table table =
        Table.of(
            "TASK",
            "EXPECTED",
            "REPORTED",
            "MATCHED",
            "PRECISION",
            "RECALL",
            "INLINE",
            "VERDICT",
            "TOKENS",
            "TIME S",
            "NOTE");
    int expected = 0;
    int reported = 0;
    int matched = 0;
    int found = 0;
    long tokens = 0;
    double seconds = 0;
    for (ReviewEval.Outcome o : outcomes) {
      table.row(
          o.task(),
          o.expected(),
          o.reported(),
          o.matchedReported(),
          ratio(o.matchedReported(), o.reported()),
          ratio(o.found(), o.expected()),
          o.inline(),
          o.verdict(),
          o.tokens(),
          String.format("%.1f", o.seconds()),
          o.note().isEmpty() ? "-" : o.note());
      expected += o.expected();
      reported += o.reported();
      matched += o.matchedReported();
      found += o.found();
      tokens += o.tokens();
      seconds += o.seconds();
    }
    table.print(out);
    out.printf(
        "%nprecision %s (%d of %d reported), recall %s (%d of %d expected), %d tasks, tokens %d,"
            + " time %.1f s%n",
        ratio(matched, reported),
        matched,
        reported,
        ratio(found, expected),
        found,
        expected,
        outcomes.size(),
        tokens,
        seconds);
    out.flush();
  }
}
