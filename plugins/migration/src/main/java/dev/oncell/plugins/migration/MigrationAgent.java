package dev.oncell.plugins.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.AgentMethod;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.Failure;
import dev.oncell.agent.git.CloneOptions;
import dev.oncell.agent.git.CloneResult;
import dev.oncell.agent.git.Git;
import dev.oncell.agent.git.GitCodes;
import dev.oncell.agent.tools.Progress;
import dev.oncell.agent.tools.Toolchain;
import dev.oncell.agent.tools.Toolchains;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The migration agent. {@code setup} clones the customer's {@code config.repoUrl} into {@code
 * /work}, finds how its tests run and indexes it; {@code migrate} takes it from one framework,
 * library or language version to another step by step ({@link Migrator}): a recipe's deterministic
 * rules where one exists, the model for the rest, every step gated by the real build and tests and
 * committed on its own, then one pull request with a table of the steps.
 *
 * <p>Its cells reach GitHub and GitLab only (the host clones, pushes and calls the forge through
 * the cell's egress); the model is called by the host. Recipes and gates run on the host over the
 * cell's files through the store, bounded in size and time; the build and tests run in the cell's
 * sandbox.
 */
@Extension
public class MigrationAgent extends Agent {

  /** Memory key: the branch the repository was cloned at, the default base. */
  static final String BASE = "base";

  /** Memory key: the toolchain found at setup. */
  static final String TOOLCHAIN = "toolchain";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "migration";
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
          "the migration agent needs the customer's config.repoUrl, the repository to migrate"
              + " ({\"repoUrl\": \"https://host/owner/name.git\", \"branch\"?: \"main\"})");
    }
    Settings.from(config); // a bad setting fails the setup, not the first migration
    Recipes.load(config); // and so does a bad recipe of the customer's
    CloneOptions options = CloneOptions.defaults();
    if (config.path("branch").isTextual()) {
      options = options.withBranch(config.path("branch").asText());
    }
    CloneResult cloned = ctx.git().clone(config.path("repoUrl").asText(), options);
    ctx.memory().set(BASE, TextNode.valueOf(cloned.branch()));
    Progress.say(ctx, "clone", "cloned " + cloned.branch() + " at " + cloned.head());
    Toolchains.detect(ctx.store(), config)
        .ifPresentOrElse(
            t -> {
              ctx.memory().set(TOOLCHAIN, JSON.valueToTree(t));
              Progress.say(
                  ctx,
                  "toolchain",
                  t.name() + ": " + t.testCommand() + " (from " + t.source() + ")");
            },
            () -> Progress.say(ctx, "toolchain", "no test command found: set config.testCommand"));
    ctx.index("/work");
  }

  /**
   * Migrates the repository from {@code from} to {@code to}: see {@link Migration} for the input
   * and {@link MigrationResult} for what comes back. Bad input fails before anything changes.
   */
  @AgentMethod(timeout = "120m")
  public MigrationResult migrate(Context ctx, Migration in) {
    in.check();
    Settings settings = Settings.from(ctx.config());
    String cloned =
        ctx.memory()
            .get(BASE)
            .map(JsonNode::asText)
            .orElseThrow(
                () ->
                    MigrationException.conflict(
                        MigrationException.NOT_SET_UP,
                        "this customer's repository was not cloned: create the customer with"
                            + " config.repoUrl"));
    Toolchain toolchain =
        Toolchains.detect(ctx.store(), ctx.config())
            .orElseThrow(
                () ->
                    new MigrationException(
                        MigrationException.NO_TESTS,
                        ErrorKind.CONFLICT,
                        "no way to run this repository's tests was found, and a migration is only"
                            + " as good as its tests: set config.testCommand or testCommand in "
                            + Toolchains.REPOSITORY_FILE));
    String base = in.base() == null ? cloned : in.base();
    Git git = ctx.git();
    if (!base.equals(cloned)) {
      git.fetch(
          "origin", java.util.List.of("+refs/heads/" + base + ":refs/remotes/origin/" + base));
    }
    return new Migrator(ctx, settings, Recipes.load(ctx.config()), toolchain, in, base, cloned)
        .run();
  }

  /** Checks out {@code branch}, made at {@code startPoint} unless it exists (a resumed run). */
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
}
