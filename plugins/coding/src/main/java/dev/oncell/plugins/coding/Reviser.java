package dev.oncell.plugins.coding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.oncell.agent.Context;
import dev.oncell.agent.LlmDocument;
import dev.oncell.agent.forge.InlineComment;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.PullRequests;
import dev.oncell.agent.git.Git;
import dev.oncell.agent.tools.Progress;
import dev.oncell.agent.tools.SecretFinding;
import dev.oncell.agent.tools.Toolchain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code revise}: changes an open pull request's own branch as its reviewers asked, runs the tests,
 * pushes, and answers each thread it addressed. It never opens a pull request: the one asked for is
 * updated by the push. Threads already answered by an earlier revision (kept in memory under {@code
 * addressed/<number>}) are not given to the model again.
 */
final class Reviser {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A review thread: its first comment and the replies, oldest first. */
  record Thread(InlineComment first, List<InlineComment> replies) {}

  private final Context ctx;
  private final Settings settings;
  private final Toolchain toolchain;
  private final String cloned;

  Reviser(Context ctx, Settings settings, Toolchain toolchain, String cloned) {
    this.ctx = ctx;
    this.settings = settings;
    this.toolchain = toolchain;
    this.cloned = cloned;
  }

  RevisionResult revise(Revision in) {
    PullRequests prs = ctx.pullRequests();
    PullRequest pr = prs.get(in.pullRequest());
    if (pr.state() != PullRequest.State.OPEN) {
      throw new IllegalStateException(
          "pull request #"
              + pr.number()
              + " is "
              + pr.state().name().toLowerCase(java.util.Locale.ROOT)
              + ": only an open one is revised");
    }
    List<Thread> threads =
        in.feedback() == null ? open(prs.inlineComments(pr.number()), pr.number()) : List.of();
    if (in.feedback() == null && threads.isEmpty()) {
      throw new IllegalStateException(
          "nothing to revise: pull request #"
              + pr.number()
              + " has no review comment that was not addressed yet; give feedback to say what"
              + " to change");
    }
    String branch = pr.headRef();
    checkoutPullRequest(branch);
    Progress.say(ctx, "branch", "revising " + branch + " of pull request #" + pr.number());
    threads.forEach(
        t ->
            Progress.say(
                ctx,
                "read",
                "review comment on "
                    + t.first().path()
                    + ":"
                    + t.first().line()
                    + " by "
                    + t.first().author()));

    RepoContext repo = new RepoContext(ctx);
    List<LlmDocument> instructions = repo.instructions();
    Set<String> paths = new LinkedHashSet<>();
    threads.forEach(t -> paths.add(t.first().path()));
    List<LlmDocument> files = repo.files(List.copyOf(paths));
    EditLoop loop = new EditLoop(ctx, settings, repo, toolchain.testCommand(), instructions, files);
    EditLoop.Outcome outcome = loop.run(Prompts.revise(pr, threads, in.feedback()), 0);

    Delivery delivery = new Delivery(ctx);
    Optional<String> refused = refusal(delivery, outcome);
    if (refused.isPresent()) {
      Progress.say(ctx, "failed", refused.get() + "; nothing pushed");
      delivery.shelve(cloned, refused.get());
      return result(TaskResult.FAILED, branch, pr, List.of(), outcome, Optional.empty(), refused);
    }
    String commit =
        delivery.commitAndPush(
            branch,
            "Address review of #" + pr.number() + "\n\n" + describe(threads, in.feedback()),
            outcome.files());
    List<Long> addressed = new ArrayList<>();
    String answer =
        "Addressed in "
            + commit
            + " (tests: "
            + outcome.last().describe().replace("running ", "")
            + ").";
    for (Thread t : threads) {
      prs.reply(pr.number(), t.first().id(), answer);
      addressed.add(t.first().id());
      Progress.say(ctx, "reply", "answered the comment on " + t.first().path());
    }
    if (in.feedback() != null) {
      prs.comment(pr.number(), answer + "\n\nFeedback:\n> " + in.feedback().strip());
    }
    remember(pr.number(), addressed);
    return result(
        TaskResult.SUCCEEDED,
        branch,
        pr,
        addressed,
        outcome,
        Optional.of(commit),
        Optional.empty());
  }

  private static Optional<String> refusal(Delivery delivery, EditLoop.Outcome outcome) {
    if (!outcome.passed()) {
      return Optional.of("the tests did not pass after " + outcome.rounds() + " round(s)");
    }
    if (outcome.files().isEmpty()) {
      return Optional.of("no file was changed");
    }
    List<SecretFinding> secrets = delivery.secretsIn(outcome.files());
    if (!secrets.isEmpty()) {
      return Optional.of(
          "refused to commit what looks like a secret: "
              + secrets.stream().map(SecretFinding::describe).collect(Collectors.joining(", ")));
    }
    return Optional.empty();
  }

  /**
   * The threads of {@code comments} not answered by an earlier revision, in the order their first
   * comments were written.
   */
  private List<Thread> open(List<InlineComment> comments, long number) {
    Set<Long> done = addressed(number);
    Map<Long, InlineComment> firsts = new LinkedHashMap<>();
    Map<Long, List<InlineComment>> replies = new LinkedHashMap<>();
    for (InlineComment c : comments) {
      if (c.startsThread()) {
        firsts.put(c.id(), c);
      } else {
        replies.computeIfAbsent(c.inReplyTo(), k -> new ArrayList<>()).add(c);
      }
    }
    List<Thread> threads = new ArrayList<>();
    firsts.forEach(
        (id, first) -> {
          if (!done.contains(id)) {
            threads.add(new Thread(first, replies.getOrDefault(id, List.of())));
          }
        });
    return threads;
  }

  /**
   * Checks out the pull request's branch at the remote's head: the branch a person or an earlier
   * run pushed is the one that moves, never a new one.
   */
  private void checkoutPullRequest(String branch) {
    Git git = ctx.git();
    git.fetch("origin", List.of("+refs/heads/" + branch + ":refs/remotes/origin/" + branch));
    CodingAgent.switchTo(git, branch, "origin/" + branch);
    ctx.shell("git reset --hard --quiet " + quote("origin/" + branch));
  }

  private Set<Long> addressed(long number) {
    Set<Long> ids = new TreeSet<>();
    ctx.memory().get(key(number)).ifPresent(a -> a.forEach(id -> ids.add(id.asLong())));
    return ids;
  }

  private void remember(long number, List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    Set<Long> all = addressed(number);
    all.addAll(ids);
    ArrayNode array = JSON.createArrayNode();
    all.forEach(array::add);
    ctx.memory().set(key(number), array);
  }

  private static String key(long number) {
    return "addressed/" + number;
  }

  private static String describe(List<Thread> threads, String feedback) {
    StringBuilder b = new StringBuilder();
    for (Thread t : threads) {
      b.append("- ")
          .append(t.first().path())
          .append(':')
          .append(t.first().line())
          .append(": ")
          .append(t.first().body().lines().findFirst().orElse(""))
          .append('\n');
    }
    if (feedback != null) {
      b.append("- ").append(feedback.strip().lines().findFirst().orElse("")).append('\n');
    }
    return b.toString();
  }

  private static RevisionResult result(
      String status,
      String branch,
      PullRequest pr,
      List<Long> addressed,
      EditLoop.Outcome outcome,
      Optional<String> commit,
      Optional<String> reason) {
    return new RevisionResult(
        status,
        branch,
        pr.number(),
        addressed,
        List.copyOf(outcome.files()),
        outcome.passed(),
        outcome.rounds(),
        outcome.tokens(),
        commit,
        reason,
        outcome.last().output());
  }

  /** A shell word: git allows {@code '} in branch names. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
