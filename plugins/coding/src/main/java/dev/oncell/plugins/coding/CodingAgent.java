package dev.oncell.plugins.coding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.AgentMethod;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import dev.oncell.agent.Failure;
import dev.oncell.agent.IndexResult;
import dev.oncell.agent.LlmAnswer;
import dev.oncell.agent.LlmDocument;
import dev.oncell.agent.LlmOptions;
import dev.oncell.agent.SearchHit;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.git.CloneOptions;
import dev.oncell.agent.git.CloneResult;
import dev.oncell.agent.git.Git;
import dev.oncell.agent.git.GitCodes;
import dev.oncell.agent.tools.Progress;
import dev.oncell.agent.tools.SecretFinding;
import dev.oncell.agent.tools.Toolchain;
import dev.oncell.agent.tools.Toolchains;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * The coding agent. {@code setup} clones the customer's {@code config.repoUrl} into {@code /work},
 * finds how its tests run and indexes it; {@code task} turns an instruction into a tested change
 * and a pull request (see {@link EditLoop} and {@link Delivery}).
 *
 * <p>Its cells reach GitHub and GitLab only: the host clones, pushes and calls the forge through
 * the cell's egress, and the model is called by the host, never from the cell. An operator adds its
 * own forge with {@code oncell serve --egress-allow}. Everything the repository's tests run runs in
 * the cell's sandbox.
 */
@Extension
public class CodingAgent extends Agent {

  /** Memory key: the branch the repository was cloned at, the default base. */
  static final String BASE = "base";

  /**
   * Memory key: the toolchain found at setup ({@code name}, {@code testCommand}, {@code source}).
   */
  static final String TOOLCHAIN = "toolchain";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "coding";
  }

  @Override
  public CellSpec spec() {
    return CellSpec.defaults()
        .withNetwork(CellSpec.Network.allow("github.com", "api.github.com", "gitlab.com"));
  }

  @Override
  public void setup(Context ctx) {
    JsonNode config = ctx.config();
    if (!config.path("repoUrl").isTextual()) {
      throw new IllegalArgumentException(
          "the coding agent needs the customer's config.repoUrl, the repository to work on"
              + " ({\"repoUrl\": \"https://host/owner/name.git\", \"branch\"?: \"main\"})");
    }
    Settings.from(config); // a bad setting fails the setup, not the first task
    CloneOptions options = CloneOptions.defaults();
    if (config.path("branch").isTextual()) {
      options = options.withBranch(config.path("branch").asText());
    }
    CloneResult cloned = ctx.git().clone(config.path("repoUrl").asText(), options);
    ctx.memory().set(BASE, TextNode.valueOf(cloned.branch()));
    Progress.say(ctx, "clone", "cloned " + cloned.branch() + " at " + cloned.head());

    Optional<Toolchain> toolchain = Toolchains.detect(ctx.store(), config);
    toolchain.ifPresentOrElse(
        t -> {
          ctx.memory().set(TOOLCHAIN, JSON.valueToTree(t));
          Progress.say(
              ctx, "toolchain", t.name() + ": " + t.testCommand() + " (from " + t.source() + ")");
        },
        () -> Progress.say(ctx, "toolchain", "no test command found: set config.testCommand"));
    Dependencies.install(ctx, config);
    IndexResult indexed = ctx.index("/work");
    Progress.say(ctx, "index", "indexed the repository: " + indexed);
  }

  @AgentMethod(timeout = "60m")
  public TaskResult task(Context ctx, Task in) {
    in.check();
    Settings settings = Settings.from(ctx.config());
    String cloned = ctx.memory().get(BASE).map(JsonNode::asText).orElseThrow(CodingAgent::notSetUp);
    String base = in.base() == null ? cloned : in.base();
    Toolchain toolchain = toolchain(ctx);
    Git git = ctx.git();
    String branch = in.branch() == null ? git.runBranch() : in.branch();
    switchTo(git, branch, base.equals(cloned) ? base : "origin/" + base);
    Progress.say(ctx, "branch", "working on " + branch + " from " + base);

    RepoContext repo = new RepoContext(ctx);
    List<LlmDocument> instructions = repo.instructions();
    instructions.forEach(d -> Progress.say(ctx, "read", "reading " + d.path()));
    List<SearchHit> hits = repo.search(in.instruction());
    List<String> symbolLines = repo.symbolLines(in.instruction());
    LlmAnswer<Plan> planned =
        ctx.llmAnswer(
            Prompts.plan(in.instruction(), toolchain.testCommand(), hits, symbolLines),
            planOptions(settings, instructions),
            Plan.class);
    Plan plan = planned.value();
    Progress.say(ctx, "plan", plan.title().isEmpty() ? "planned" : "planned: " + plan.title());

    List<LlmDocument> files = repo.filesToEdit(plan, hits);
    EditLoop loop = new EditLoop(ctx, settings, repo, toolchain.testCommand(), instructions, files);
    EditLoop.Outcome outcome =
        loop.run(Prompts.edit(in.instruction(), plan), planned.response().usage().totalTokens());

    Delivery delivery = new Delivery(ctx);
    if (!outcome.passed()) {
      return failed(
          ctx,
          delivery,
          branch,
          base,
          outcome,
          "the tests did not pass after " + outcome.rounds() + " round(s)");
    }
    if (outcome.files().isEmpty()) {
      return failed(ctx, delivery, branch, base, outcome, "no file was changed");
    }
    List<SecretFinding> secrets = delivery.secretsIn(outcome.files());
    if (!secrets.isEmpty()) {
      return failed(
          ctx,
          delivery,
          branch,
          base,
          outcome,
          "refused to commit what looks like a secret: "
              + secrets.stream().map(SecretFinding::describe).collect(Collectors.joining(", ")));
    }
    PullRequest pr = delivery.deliver(branch, base, plan, outcome.files(), outcome);
    return new TaskResult(
        TaskResult.SUCCEEDED,
        branch,
        Optional.of(pr),
        List.copyOf(outcome.files()),
        true,
        outcome.rounds(),
        outcome.tokens(),
        Optional.empty(),
        outcome.last().output());
  }

  /**
   * Changes open pull request {@code pullRequest} as its review comments (or {@code feedback}) ask,
   * on its own branch: tests, push, and a reply in each thread addressed. Never a second pull
   * request (see {@link Reviser}).
   */
  @AgentMethod(timeout = "60m")
  public RevisionResult revise(Context ctx, Revision in) {
    in.check();
    Settings settings = Settings.from(ctx.config());
    String cloned = ctx.memory().get(BASE).map(JsonNode::asText).orElseThrow(CodingAgent::notSetUp);
    return new Reviser(ctx, settings, toolchain(ctx), cloned).revise(in);
  }

  private static Toolchain toolchain(Context ctx) {
    return Toolchains.detect(ctx.store(), ctx.config())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no way to run this repository's tests was found: set config.testCommand"
                        + " or testCommand in "
                        + Toolchains.REPOSITORY_FILE));
  }

  private static TaskResult failed(
      Context ctx,
      Delivery delivery,
      String branch,
      String base,
      EditLoop.Outcome outcome,
      String reason) {
    Progress.say(ctx, "failed", reason + "; nothing pushed");
    delivery.shelve(base, reason);
    return new TaskResult(
        TaskResult.FAILED,
        branch,
        Optional.empty(),
        List.copyOf(outcome.files()),
        outcome.passed(),
        outcome.rounds(),
        outcome.tokens(),
        Optional.of(reason),
        outcome.last().output());
  }

  private static LlmOptions planOptions(Settings settings, List<LlmDocument> instructions) {
    LlmOptions options =
        LlmOptions.defaults()
            .withSystem(Prompts.SYSTEM)
            .withDocuments(instructions.toArray(LlmDocument[]::new));
    return settings.model().map(options::withModel).orElse(options);
  }

  /** Checks out {@code branch}, creating it from {@code startPoint} the first time. */
  static void switchTo(Git git, String branch, String startPoint) {
    if (git.currentBranch().equals(Optional.of(branch))) {
      return;
    }
    try {
      git.createBranch(branch, Optional.of(startPoint));
    } catch (RuntimeException e) {
      if (!(e instanceof Failure f) || !f.code().equals(GitCodes.BRANCH_EXISTS)) {
        throw e;
      }
      git.checkout(branch);
    }
  }

  private static IllegalStateException notSetUp() {
    return new IllegalStateException(
        "this customer's repository was not cloned: create the customer with config.repoUrl");
  }
}
