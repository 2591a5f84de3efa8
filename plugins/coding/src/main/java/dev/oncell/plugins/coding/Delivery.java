package dev.oncell.plugins.coding;

import dev.oncell.agent.Context;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.git.Git;
import dev.oncell.agent.tools.Progress;
import dev.oncell.agent.tools.SecretDetector;
import dev.oncell.agent.tools.SecretFinding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * The end of a task: commit the edited files (never one that looks like a secret), push the branch
 * and open or update its pull request; or, when the task failed, keep the work in the cell as a git
 * stash and push nothing.
 */
final class Delivery {

  private final Context ctx;
  private final SecretDetector secrets = SecretDetector.defaults();

  Delivery(Context ctx) {
    this.ctx = ctx;
  }

  /** The findings in the edited files, in file order. */
  List<SecretFinding> secretsIn(SortedSet<String> files) {
    List<SecretFinding> found = new ArrayList<>();
    for (String file : files) {
      if (ctx.store().exists(file)) {
        String text = new String(ctx.store().read(file), StandardCharsets.UTF_8);
        found.addAll(secrets.scan(file, text));
      }
    }
    return found;
  }

  /** Commits {@code files}, pushes {@code branch} and ensures its one open pull request. */
  PullRequest deliver(
      String branch, String base, Plan plan, SortedSet<String> files, EditLoop.Outcome outcome) {
    String commit =
        commitAndPush(
            branch, title(plan) + (plan.summary().isEmpty() ? "" : "\n\n" + plan.summary()), files);
    PullRequest pr =
        ctx.pullRequests()
            .ensure(branch, base, title(plan), body(plan, files, commit, outcome), false);
    Progress.say(ctx, "pull-request", "pull request #" + pr.number() + ": " + pr.url());
    return pr;
  }

  /** Commits {@code files} with {@code message} and pushes {@code branch}; returns the commit. */
  String commitAndPush(String branch, String message, SortedSet<String> files) {
    Git git = ctx.git();
    git.add(List.copyOf(files));
    String commit = git.commit(message);
    Progress.say(ctx, "push", "pushing " + branch);
    git.push("origin", branch);
    return commit;
  }

  /**
   * Keeps a failed task's changes out of the way and out of the remote: a stash in the cell's
   * repository (for a person to look at), then back to {@code base}.
   */
  void shelve(String base, String why) {
    ctx.shell(
        "git -c user.name=oncell -c user.email=agent@oncell.invalid stash push --include-untracked"
            + " --quiet -m 'oncell coding "
            + ctx.runId()
            + ": "
            + why.replace("'", "")
            + "'");
    ctx.git().checkout(base);
  }

  static String title(Plan plan) {
    String title = plan.title().isEmpty() ? "Change made by oncell's coding agent" : plan.title();
    String first = title.lines().findFirst().orElse(title);
    return first.length() <= 72 ? first : first.substring(0, 69) + "...";
  }

  private String body(Plan plan, SortedSet<String> files, String commit, EditLoop.Outcome outcome) {
    StringBuilder b = new StringBuilder();
    b.append(plan.summary().isEmpty() ? title(plan) : plan.summary()).append("\n\n");
    b.append("### What changed\n\n");
    files.forEach(f -> b.append("- `").append(f).append("`\n"));
    b.append("\n### Tests\n\n");
    b.append("`")
        .append(outcome.last().command())
        .append("`: ")
        .append(outcome.last().passed() ? "passed" : "failed")
        .append(" after ")
        .append(outcome.rounds())
        .append(outcome.rounds() == 1 ? " round" : " rounds")
        .append(".\n\n");
    b.append("Commit ")
        .append(commit)
        .append(", run ")
        .append(ctx.runId())
        .append(" of oncell's coding agent.\n");
    return b.toString();
  }
}
