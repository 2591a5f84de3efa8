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
 * {@code oncell eval coding}: the coding agent on every task of a suite; a row per task (resolved,
 * the agent's status, test rounds, tokens, time) and a summary line with the resolved rate.
 */
@Command(
    name = "coding",
    mixinStandardHelpOptions = true,
    description = {
      "Run the coding agent on a suite of tasks (a repository, an instruction, a hidden test)",
      "and print resolved rate, rounds, tokens and time per task."
    })
final class CodingEvalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin EvalOptions options;

  @Override
  public Integer call() throws Exception {
    ModelChoice model = ModelChoice.parse(options.model);
    List<CodingTask> tasks = new ArrayList<>();
    for (Path dir : Suite.tasks(options.suite, options.tasks)) {
      tasks.add(CodingTask.read(dir));
    }
    List<Optional<List<String>>> answers = new ArrayList<>();
    for (CodingTask task : tasks) {
      answers.add(
          model instanceof ModelChoice.Scripted s
              ? Optional.of(Suite.answers(s.dir(), task.name()))
              : Optional.empty());
    }
    EvalOptions.quiet();
    List<CodingEval.Outcome> outcomes = new ArrayList<>();
    try (EvalHost env =
        EvalHost.open(
            options.pluginJar("coding"), model, options.operatorConfig(), options.sandbox)) {
      CodingEval eval = new CodingEval(env);
      for (int i = 0; i < tasks.size(); i++) {
        outcomes.add(eval.run(tasks.get(i), answers.get(i)));
      }
    }
    print(spec.commandLine().getOut(), outcomes);
    return 0;
  }

  static void print(PrintWriter out, List<CodingEval.Outcome> outcomes) {
    Table table = Table.of("TASK", "RESOLVED", "STATUS", "ROUNDS", "TOKENS", "TIME S", "NOTE");
    int resolved = 0;
    long rounds = 0;
    long tokens = 0;
    double seconds = 0;
    for (CodingEval.Outcome o : outcomes) {
      table.row(
          o.task(),
          o.resolved() ? "yes" : "no",
          o.status(),
          o.rounds(),
          o.tokens(),
          String.format("%.1f", o.seconds()),
          o.note().isEmpty() ? "-" : o.note());
      resolved += o.resolved() ? 1 : 0;
      rounds += o.rounds();
      tokens += o.tokens();
      seconds += o.seconds();
    }
    table.print(out);
    int n = outcomes.size();
    out.printf(
        "%nresolved %d/%d (%.0f%%), rounds %.1f a task, tokens %d (%d a task), time %.1f s (%.1f s a"
            + " task)%n",
        resolved,
        n,
        100.0 * resolved / n,
        (double) rounds / n,
        tokens,
        tokens / n,
        seconds,
        seconds / n);
    out.flush();
  }
}
