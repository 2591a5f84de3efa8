package dev.oncell.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.forge.testing.FakeForge;
import dev.oncell.git.testing.Repos;
import dev.oncell.runtime.RunError;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Runs the review agent on one task's pull request and scores its findings against the expected
 * ones: a reported finding (inline, or in the summary as outside the diff) matches an expected one
 * with the same file and category whose line range holds its line.
 */
final class ReviewEval {

  /**
   * One task's outcome; {@code matchedReported} of {@code reported} were right (precision), and
   * {@code found} of {@code expected} were reported (recall).
   */
  record Outcome(
      String task,
      int expected,
      int reported,
      int matchedReported,
      int found,
      int inline,
      String verdict,
      long tokens,
      double seconds,
      String note) {}

  private final EvalHost env;

  ReviewEval(EvalHost env) {
    this.env = env;
  }

  Outcome run(ReviewTask task, Optional<List<String>> answers) {
    String id = "eval-" + task.name();
    FakeForge.Pr pr = pullRequest(task);
    answers.ifPresent(a -> env.replay.orElseThrow().load(a));
    long start = System.nanoTime();
    try {
      Optional<RunError> setup = env.customer(id, task.name(), Suite.JSON.createObjectNode());
      if (setup.isPresent()) {
        return failed(task, "setup_failed", env.tokens(id), since(start), setup.get());
      }
      RunInfo started =
          env.host
              .runs()
              .start(
                  id,
                  "review",
                  Suite.JSON.createObjectNode().put("pullRequest", pr.number),
                  Optional.empty());
      RunInfo run = env.host.runs().await(started.id());
      double seconds = since(start);
      long tokens = env.tokens(id);
      if (run.status() != RunStatus.SUCCEEDED || run.result().isEmpty()) {
        return failed(
            task,
            "error",
            tokens,
            seconds,
            run.error().orElse(new RunError("no_result", "the review returned nothing")));
      }
      JsonNode result = run.result().get();
      List<ReviewTask.Reported> reported = new ArrayList<>();
      for (String list : List.of("comments", "outsideDiff")) {
        for (JsonNode f : result.path(list)) {
          reported.add(
              new ReviewTask.Reported(
                  f.path("file").asText(),
                  f.path("line").asInt(),
                  f.path("category").asText().toLowerCase(Locale.ROOT)));
        }
      }
      int matched =
          (int)
              reported.stream()
                  .filter(r -> task.expected().stream().anyMatch(e -> e.matches(r)))
                  .count();
      int found =
          (int)
              task.expected().stream().filter(e -> reported.stream().anyMatch(e::matches)).count();
      return new Outcome(
          task.name(),
          task.expected().size(),
          reported.size(),
          matched,
          found,
          pr.reviewComments.size(),
          result.path("verdict").asText("?").toLowerCase(Locale.ROOT),
          tokens,
          seconds,
          "");
    } finally {
      env.delete(id);
    }
  }

  private static Outcome failed(
      ReviewTask task, String verdict, long tokens, double seconds, RunError error) {
    return new Outcome(
        task.name(),
        task.expected().size(),
        0,
        0,
        0,
        0,
        verdict,
        tokens,
        seconds,
        error.code() + ": " + error.message());
  }

  /** The base on main, the head on {@code feature} and {@code refs/pull/N/head}, as a forge has. */
  private FakeForge.Pr pullRequest(ReviewTask task) {
    String base = env.repository(task.name(), task.base());
    String name = EvalHost.repoName(task.name());
    FakeForge.Pr pr = env.github.openPullRequest(name, "feature", "main", task.title());
    try (Repository repo = env.remote.open(name)) {
      String head = Repos.commitOn(repo, "feature", Optional.of(base), task.head(), task.title());
      RefUpdate update = repo.updateRef("refs/pull/" + pr.number + "/head");
      update.setNewObjectId(ObjectId.fromString(head));
      update.setForceUpdate(true);
      update.update();
      pr.baseSha = base;
      pr.headSha = head;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pr;
  }

  private static double since(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
