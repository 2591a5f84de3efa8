package dev.oncell.plugins.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import dev.oncell.agent.Failure;
import dev.oncell.agent.LlmAnswer;
import dev.oncell.agent.LlmOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.agent.forge.ForgeException;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.forge.PullRequests;
import dev.oncell.agent.forge.ReviewComment;
import dev.oncell.agent.forge.ReviewEvent;
import dev.oncell.agent.git.CloneOptions;
import dev.oncell.agent.git.DiffRequest;
import dev.oncell.agent.git.Git;
import dev.oncell.agent.tools.SecretDetector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Reviews pull requests of the customer's repository ({@code config.repoUrl}, cloned by {@code
 * setup}) with a model, and posts what holds up: inline comments on the lines of the diff, and one
 * summary with the verdict and whatever lies outside the diff, edited in place by later reviews.
 *
 * <p>A later review of the same pull request looks only at what changed since the head it reviewed
 * last, and never posts a finding it posted before ({@link ReviewLedger}). The rules come from the
 * base branch ({@link ReviewConfig}). Written against the public agent API only, as any author's
 * agent would be.
 */
@Extension
public class ReviewAgent extends Agent {

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  static final String CONFIG_FILE = ".oncell/review.yaml";

  @Override
  public String name() {
    return "review";
  }

  /**
   * The cell reaches GitHub and GitLab only: the host fetches and calls the forge through the
   * cell's egress, and the model is called by the host, never from the cell. An operator adds its
   * own forge with {@code oncell serve --egress-allow}.
   */
  @Override
  public CellSpec spec() {
    return CellSpec.defaults()
        .withNetwork(CellSpec.Network.allow("github.com", "api.github.com", "gitlab.com"));
  }

  @Override
  public void setup(Context ctx) {
    JsonNode config = ctx.config();
    if (!config.path("repoUrl").isTextual()) {
      throw new ReviewException(
          "review_repo_missing",
          "the review agent needs the customer's config.repoUrl, the repository whose pull"
              + " requests it reviews ({\"repoUrl\": \"https://host/owner/name.git\"})");
    }
    ctx.git().clone(config.path("repoUrl").asText(), CloneOptions.defaults());
  }

  public ReviewResult review(Context ctx, ReviewRequest request) {
    if (request.pullRequest() < 1) {
      throw new ReviewException(
          "review_invalid_input", "pullRequest is the pull request's number, from 1");
    }
    long number = request.pullRequest();
    PullRequests forge = ctx.pullRequests();
    PullRequest pr = forge.get(number);
    Git git = ctx.git();
    Revisions rev = Revisions.fetch(git, pr);
    ReviewConfig config = rules(ctx, rev.base());
    ctx.stream("progress", Map.of("step", "fetched", "head", rev.head(), "base", rev.base()));

    ReviewLedger ledger = new ReviewLedger(ctx.db());
    ledger.open();
    // A force push leaves the head reviewed last off the pull request's history: review it all.
    Optional<String> last =
        ledger
            .lastReviewed(number)
            .filter(h -> !h.equals(rev.base()))
            .filter(h -> isAncestor(ctx, h, rev.head()));
    UnifiedDiff whole =
        UnifiedDiff.parse(git.diff(DiffRequest.sinceMergeBase(rev.base(), rev.head())).patch());
    boolean incremental = last.isPresent();
    UnifiedDiff scope =
        incremental
            ? UnifiedDiff.parse(git.diff(DiffRequest.between(last.get(), rev.head())).patch())
            : whole;
    scope = new UnifiedDiff(scope.files().stream().filter(f -> config.reviews(f.path())).toList());
    String since = last.orElse(rev.base());

    List<Finding> findings =
        new ArrayList<>(new SecretFindings(SecretDetector.defaults()).in(scope));
    long tokens = 0;
    if (!scope.files().isEmpty()) {
      git.checkout(rev.head());
      ctx.index("/work");
      ctx.stream("progress", Map.of("step", "reviewing", "files", scope.files().size()));
      List<HunkContext.Snippet> context = HunkContext.gather(ctx, scope);
      LlmAnswer<Findings> answer =
          ctx.llmAnswer(
              ReviewPrompt.user(pr, scope, context, config),
              LlmOptions.defaults().withSystem(ReviewPrompt.system(config)),
              Findings.class);
      findings.addAll(answer.value().findings());
      tokens = answer.response().usage().totalTokens();
    }

    Set<String> files = filesAt(ctx, rev.head());
    List<ReviewLedger.Open> resolved = resolve(ctx, ledger, number, rev.head(), files);
    FindingCheck.Outcome outcome =
        new FindingCheck(whole, files, config, ledger.posted(number)).check(findings);
    List<ReviewComment> comments = new ArrayList<>();
    for (FindingCheck.Checked c : outcome.inline()) {
      Finding f = c.finding();
      comments.add(new ReviewComment(f.file(), f.line(), f.side(), Summary.inline(f)));
    }
    if (!comments.isEmpty()) {
      forge.reviewComments(number, rev.head(), comments);
    }
    for (FindingCheck.Checked c : concat(outcome.inline(), outcome.outsideDiff())) {
      ledger.remember(number, c.fingerprint(), c.finding(), c.lineText(), rev.head());
    }
    Verdict verdict =
        ledger.postedSeverities(number).stream().anyMatch(s -> s.atLeast(config.blockOn()))
            ? Verdict.CHANGES_REQUESTED
            : Verdict.APPROVED;
    String range = short7(since) + "..." + short7(rev.head());
    long summary =
        postSummary(
            forge,
            ledger,
            number,
            Summary.render(verdict, range, outcome, outcome.inline(), resolved));
    boolean submitted = submitVerdict(ctx, forge, number, rev.head(), verdict);
    ledger.reviewed(number, rev.head());
    ctx.stream(
        "progress",
        Map.of("step", "posted", "comments", comments.size(), "verdict", verdict.name()));
    return new ReviewResult(
        number,
        rev.head(),
        since,
        incremental,
        verdict,
        outcome.inline().stream().map(FindingCheck.Checked::finding).toList(),
        outcome.outsideDiff().stream().map(FindingCheck.Checked::finding).toList(),
        outcome.duplicates(),
        outcome.dropped(),
        resolved.stream().map(ReviewLedger.Open::describe).toList(),
        summary,
        submitted,
        tokens);
  }

  /**
   * Edits the pull request's one summary comment in place, or posts it on a first review (or when
   * someone deleted it), and remembers its id. An edit is idempotent, so a resumed run may repeat
   * it.
   */
  private static long postSummary(
      PullRequests forge, ReviewLedger ledger, long number, String body) {
    Optional<Long> existing = ledger.summaryComment(number);
    if (existing.isPresent()) {
      try {
        forge.editComment(number, existing.get(), body);
        return existing.get();
      } catch (RuntimeException e) {
        // The host reports a forge's failure as a Failure with the forge's code.
        if (!(e instanceof Failure f && f.code().equals(ForgeException.NOT_FOUND))) {
          throw e;
        }
      }
    }
    long posted = forge.comment(number, body);
    ledger.summaryPosted(number, posted);
    return posted;
  }

  /**
   * Submits the verdict as a review on the forge (GitHub and Gitea: approve or request changes;
   * GitLab: approve or withdraw the approval), so branch protection sees it. A forge that refuses
   * (GitHub refuses the approval of one's own pull request, a token may lack the permission, a
   * forge plugin may have no reviews) leaves the verdict in the summary only: reported, not fatal.
   */
  private static boolean submitVerdict(
      Context ctx, PullRequests forge, long number, String head, Verdict verdict) {
    boolean approved = verdict == Verdict.APPROVED;
    try {
      forge.submitReview(
          number,
          head,
          approved ? ReviewEvent.APPROVE : ReviewEvent.REQUEST_CHANGES,
          approved
              ? "oncell review: approved (see the summary)."
              : "oncell review: changes requested (see the summary and the comments).");
      return true;
    } catch (RuntimeException e) {
      if (!(e instanceof Failure f && REFUSED_VERDICT.contains(f.code()))) {
        throw e;
      }
      ctx.stream("progress", Map.of("step", "verdict-not-submitted", "code", f.code()));
      return false;
    }
  }

  /** Refusals of a verdict that leave it in the summary instead of failing the review. */
  private static final Set<String> REFUSED_VERDICT =
      Set.of(ForgeException.INVALID, ForgeException.FORBIDDEN, ForgeException.UNSUPPORTED);

  /** The base and head commits of a pull request, fetched into the cell's repository. */
  record Revisions(String base, String head) {

    static Revisions fetch(Git git, PullRequest pr) {
      String pullRef = "refs/pull/" + pr.number() + "/head";
      String baseRef = "refs/remotes/origin/" + pr.baseRef();
      git.fetch(
          "origin",
          // Forced: a force-pushed pull request's ref moves to a commit that does not descend.
          List.of("+pull/" + pr.number() + "/head:" + pullRef, "+" + pr.baseRef() + ":" + baseRef));
      String head = checked(pr.headSha(), "head");
      String base = pr.baseSha().isEmpty() ? git.log(baseRef, 1).getFirst().id() : pr.baseSha();
      return new Revisions(checked(base, "base"), head);
    }

    private static String checked(String sha, String what) {
      if (!SHA.matcher(sha).matches()) {
        throw new ReviewException(
            "review_bad_forge_answer",
            "the forge gave no commit id for the pull request's " + what);
      }
      return sha;
    }
  }

  /** The rules: the base branch's {@code .oncell/review.yaml}, else config {@code review}. */
  private static ReviewConfig rules(Context ctx, String base) {
    ShellResult file = ctx.shell("git show " + base + ":" + CONFIG_FILE);
    if (!file.failed()) {
      return ReviewConfigReader.fromYaml(file.stdout());
    }
    JsonNode review = ctx.config().path("review");
    return review.isObject() ? ReviewConfigReader.fromJson(review) : ReviewConfig.defaults();
  }

  /** Whether {@code commit} is in {@code head}'s history (both checked ids, safe in a command). */
  private static boolean isAncestor(Context ctx, String commit, String head) {
    return SHA.matcher(commit).matches()
        && ctx.shell("git merge-base --is-ancestor " + commit + " " + head).exitCode() == 0;
  }

  /**
   * Marks resolved every open finding whose line no longer reads the same anywhere in its file at
   * {@code head} (or whose file is gone): the code it pointed at was fixed or removed.
   */
  private static List<ReviewLedger.Open> resolve(
      Context ctx, ReviewLedger ledger, long number, String head, Set<String> files) {
    List<ReviewLedger.Open> fixed = new ArrayList<>();
    Map<String, Set<String>> lines = new TreeMap<>();
    for (ReviewLedger.Open open : ledger.open(number)) {
      Set<String> at = lines.computeIfAbsent(open.file(), f -> linesAt(ctx, head, f, files));
      if (!at.contains(open.lineText().strip())) {
        ledger.resolve(number, open.fingerprint());
        fixed.add(open);
      }
    }
    return List.copyOf(fixed);
  }

  /** The stripped lines of {@code file} at {@code head}; none if the file is not there. */
  private static Set<String> linesAt(Context ctx, String head, String file, Set<String> files) {
    if (!files.contains(file)) {
      return Set.of();
    }
    // The path came from git ls-tree; quoted for the shell all the same.
    ShellResult shown = ctx.shell("git show '" + head + ":" + file.replace("'", "'\\''") + "'");
    if (shown.failed()) {
      throw new ReviewException(
          "review_git_failed", "cannot read " + file + " at " + head + ": " + shown.stderr());
    }
    Set<String> out = new HashSet<>();
    for (String line : shown.stdout().split("\n", -1)) {
      out.add(line.strip());
    }
    return out;
  }

  /** Every file at {@code head} ({@code head} is a checked commit id, safe in a command). */
  private static Set<String> filesAt(Context ctx, String head) {
    ShellResult listed = ctx.shell("git ls-tree -r -z --name-only " + head);
    if (listed.failed()) {
      throw new ReviewException(
          "review_git_failed", "cannot list the files at " + head + ": " + listed.stderr());
    }
    return Set.of(listed.stdout().split("\0"));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static String short7(String sha) {
    return sha.substring(0, 7);
  }
}
