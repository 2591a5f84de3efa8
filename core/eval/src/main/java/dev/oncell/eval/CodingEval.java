package dev.oncell.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.git.testing.Repos;
import dev.oncell.runtime.Cell;
import dev.oncell.runtime.RunError;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;

/**
 * Runs the coding agent on one task and decides whether it is resolved: the agent's {@code task}
 * succeeded, its branch is on the remote, and the hidden test passes on that branch in the cell
 * (the hidden files written only after the agent finished, so it never saw them).
 */
final class CodingEval {

  /** One task's outcome; {@code note} says why a task is not resolved. */
  record Outcome(
      String task,
      boolean resolved,
      String status,
      int rounds,
      long tokens,
      double seconds,
      String note) {}

  private final EvalHost env;

  CodingEval(EvalHost env) {
    this.env = env;
  }

  Outcome run(CodingTask task, Optional<java.util.List<String>> answers) {
    String id = "eval-" + task.name();
    env.repository(task.name(), task.repo());
    answers.ifPresent(a -> env.replay.orElseThrow().load(a));
    long start = System.nanoTime();
    try {
      Optional<RunError> setup = env.customer(id, task.name(), task.config());
      if (setup.isPresent()) {
        return new Outcome(
            task.name(),
            false,
            "setup_failed",
            0,
            env.tokens(id),
            since(start),
            setup.get().code() + ": " + setup.get().message());
      }
      RunInfo started =
          env.host
              .runs()
              .start(
                  id,
                  "task",
                  Suite.JSON.createObjectNode().put("instruction", task.instruction()),
                  Optional.empty());
      RunInfo run = env.host.runs().await(started.id());
      double seconds = since(start);
      long tokens = env.tokens(id);
      if (run.status() != RunStatus.SUCCEEDED || run.result().isEmpty()) {
        String why = run.error().map(e -> e.code() + ": " + e.message()).orElse("no result");
        return new Outcome(task.name(), false, "error", 0, tokens, seconds, why);
      }
      JsonNode result = run.result().get();
      String status = result.path("status").asText("?");
      int rounds = result.path("rounds").asInt();
      String branch = result.path("branch").asText("");
      if (!"succeeded".equals(status)) {
        return new Outcome(
            task.name(),
            false,
            status,
            rounds,
            tokens,
            seconds,
            firstLine(result.path("reason").asText("")));
      }
      if (!pushed(task.name(), branch)) {
        return new Outcome(
            task.name(), false, status, rounds, tokens, seconds, branch + " is not on the remote");
      }
      ShellResult hidden = hiddenTest(env.host.cells().cell(id), task, branch);
      boolean resolved = hidden.exitCode() == 0 && !hidden.timedOut();
      return new Outcome(
          task.name(),
          resolved,
          status,
          rounds,
          tokens,
          seconds,
          resolved ? "" : "hidden test failed (exit " + hidden.exitCode() + ")");
    } finally {
      env.delete(id);
    }
  }

  private boolean pushed(String task, String branch) {
    if (branch.isEmpty()) {
      return false;
    }
    try (Repository repo = env.remote.open(EvalHost.repoName(task))) {
      return Repos.head(repo, branch).isPresent();
    }
  }

  /** Checks out the agent's branch, lays the hidden files over it and runs the hidden test. */
  private static ShellResult hiddenTest(Cell cell, CodingTask task, String branch) {
    ShellResult checkout =
        cell.shell("git checkout -q -f '" + branch.replace("'", "") + "'", ShellOptions.defaults());
    if (checkout.exitCode() != 0) {
      return checkout;
    }
    task.hidden()
        .forEach((path, text) -> cell.files().write(path, text.getBytes(StandardCharsets.UTF_8)));
    return cell.shell(task.test(), ShellOptions.defaults().withTimeout(task.timeout()));
  }

  private static String firstLine(String s) {
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() > 100 ? line.substring(0, 100) + "..." : line;
  }

  private static double since(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
