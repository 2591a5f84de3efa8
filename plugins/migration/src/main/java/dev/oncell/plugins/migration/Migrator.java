package dev.oncell.plugins.migration;

import dev.oncell.agent.Context;
import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.LlmOptions;
import dev.oncell.agent.forge.PullRequest;
import dev.oncell.agent.git.Git;
import dev.oncell.agent.tools.Progress;
import dev.oncell.agent.tools.Toolchain;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code migrate} run, in order: the recipe (or the model's plan), the files in scope and the
 * usages in them, the baseline (tests must pass and exist), the run's branch, each step through
 * {@link StepRunner} (a reverted step stops the run: later steps build on it), then the push and
 * the pull request when at least one step was committed.
 *
 * <p>Every decision depends on the input, the configuration and journaled answers (shell, store,
 * git, model), so a run resumed after a crash makes the same calls: the steps already committed are
 * answered from the journal, and the run goes on at the first unfinished one.
 */
final class Migrator {

  private final Context ctx;
  private final Settings settings;
  private final Recipes recipes;
  private final Toolchain toolchain;
  private final Migration in;
  private final String base;
  private final String cloned;

  Migrator(
      Context ctx,
      Settings settings,
      Recipes recipes,
      Toolchain toolchain,
      Migration in,
      String base,
      String cloned) {
    this.ctx = ctx;
    this.settings = settings;
    this.recipes = recipes;
    this.toolchain = toolchain;
    this.in = in;
    this.base = base;
    this.cloned = cloned;
  }

  MigrationResult run() {
    Optional<Recipe> recipe = recipe();
    String name = in.from().strip() + " to " + in.to().strip();
    Scope scope = Scope.of(in.scope());
    Git git = ctx.git();
    String start = base.equals(cloned) ? base : "origin/" + base;
    git.checkout(start);
    Worktree tree = new Worktree(ctx);
    List<String> all = tree.files(Scope.ALL);
    List<String> inScope = all.stream().filter(scope::contains).toList();
    if (inScope.isEmpty()) {
      throw MigrationException.invalid(
          MigrationException.INVALID_SCOPE,
          "scope " + scope + " names no file of the repository: nothing was changed");
    }
    ctx.index("/work");
    List<String> usages = Usages.in(ctx, recipe, in, scope);
    if (usages.isEmpty()) {
      throw MigrationException.invalid(
          MigrationException.NOTHING_TO_MIGRATE,
          "nothing in "
              + scope
              + " uses "
              + in.from().strip()
              + (recipe.isPresent() ? " (recipe " + recipe.get().id() + ")" : "")
              + ": nothing was changed");
    }
    Progress.say(
        ctx, "usages", usages.size() + " usage(s) of " + in.from().strip() + " in " + scope);

    TestInventory inventory = new TestInventory(tree);
    inventory.scan(all);
    Gates gates = new Gates(ctx, settings, toolchain.testCommand(), inventory);
    Gates.Baseline baseline = gates.baseline(all);
    checkBaseline(baseline);
    Progress.say(ctx, "baseline", baseline.count() + " tests pass before the migration");

    List<StepSpec> steps = recipe.isPresent() ? recipeSteps(recipe.get()) : plan(scope, usages);
    String branch = git.runBranch();
    MigrationAgent.switchTo(git, branch, start);
    Progress.say(ctx, "branch", "working on " + branch + " from " + base);

    StepRunner runner =
        new StepRunner(
            ctx,
            settings,
            scope,
            tree,
            inventory,
            gates,
            baseline,
            in.modelAllowed(),
            name,
            inScope);
    List<StepResult> results = new ArrayList<>();
    int tests = baseline.count();
    boolean stopped = false;
    for (int i = 0; i < steps.size(); i++) {
      StepSpec step = steps.get(i);
      if (stopped) {
        results.add(StepResult.notRun(i + 1, step.name(), step.source(), tests));
        continue;
      }
      StepResult r = runner.run(i + 1, steps.size(), step, tests);
      results.add(r);
      if (r.status().equals(StepResult.COMMITTED)) {
        tests = r.testsAfter();
      }
      stopped = r.status().equals(StepResult.REVERTED);
    }
    ctx.index("/work");
    int left = Usages.in(ctx, recipe, in, scope).size();
    return finish(recipe, name, scope, branch, results, baseline, tests, left, runner.tokens());
  }

  private Optional<Recipe> recipe() {
    if (in.recipe() != null) {
      return Optional.of(
          recipes
              .byId(in.recipe())
              .orElseThrow(
                  () ->
                      MigrationException.invalid(
                          MigrationException.UNKNOWN_RECIPE,
                          "no recipe is called "
                              + PullRequestBody.cell(in.recipe().strip())
                              + "; known recipes: "
                              + String.join(", ", recipes.ids()))));
    }
    Optional<Recipe> found = recipes.find(in.from(), in.to());
    if (found.isEmpty() && !in.modelAllowed()) {
      throw MigrationException.invalid(
          MigrationException.UNKNOWN_RECIPE,
          "no recipe migrates "
              + in.from().strip()
              + " to "
              + in.to().strip()
              + " and the model may not plan one (useModel is false); known recipes: "
              + String.join(", ", recipes.ids()));
    }
    return found;
  }

  private static void checkBaseline(Gates.Baseline baseline) {
    if (!baseline.tests().passed()) {
      throw new MigrationException(
          MigrationException.TESTS_FAIL_BEFORE,
          ErrorKind.CONFLICT,
          "the tests fail before any change ("
              + baseline.tests().describe()
              + "): fix them first, or a failing step could not be told from a failing start;"
              + " nothing was changed");
    }
    if (baseline.count() == 0) {
      throw new MigrationException(
          MigrationException.NO_TESTS,
          ErrorKind.CONFLICT,
          "the project has no tests ("
              + baseline.tests().command()
              + " ran none and no test method was found in the sources): without them no step"
              + " can be shown to work, so the agent will not claim a migration; nothing was"
              + " changed");
    }
  }

  private static List<StepSpec> recipeSteps(Recipe recipe) {
    return recipe.steps().stream().map(StepSpec::of).toList();
  }

  private List<StepSpec> plan(Scope scope, List<String> usages) {
    LlmOptions options = LlmOptions.defaults().withSystem(Prompts.SYSTEM);
    options = settings.model().map(options::withModel).orElse(options);
    MigrationPlan plan =
        ctx.llm(
            Prompts.plan(
                in.from(),
                in.to(),
                scope,
                usages.stream().limit(Usages.MAX_LINES).toList(),
                toolchain.testCommand()),
            options,
            MigrationPlan.class);
    List<StepSpec> steps = new ArrayList<>();
    for (MigrationPlan.PlannedStep s : plan.steps()) {
      if (steps.size() == MigrationPlan.MAX_STEPS) {
        break;
      }
      String stepName = s.name().isEmpty() ? "step " + (steps.size() + 1) : s.name();
      steps.add(
          StepSpec.of(
              new MigrationPlan.PlannedStep(
                  stepName, s.instruction().isEmpty() ? stepName : s.instruction(), s.files())));
    }
    Progress.say(ctx, "plan", "planned " + steps.size() + " step(s)");
    return steps;
  }

  private MigrationResult finish(
      Optional<Recipe> recipe,
      String name,
      Scope scope,
      String branch,
      List<StepResult> results,
      Gates.Baseline baseline,
      int testsAfter,
      int left,
      long tokens) {
    String recipeId = recipe.map(Recipe::id).orElse("model");
    long committed = results.stream().filter(r -> r.status().equals(StepResult.COMMITTED)).count();
    boolean complete =
        results.stream()
            .allMatch(
                r ->
                    r.status().equals(StepResult.COMMITTED)
                        || r.status().equals(StepResult.UNCHANGED));
    Optional<String> problem =
        results.stream()
            .filter(r -> r.reason().isPresent() && !r.status().equals(StepResult.NOT_RUN))
            .findFirst()
            .map(
                r ->
                    "step "
                        + r.index()
                        + " ("
                        + r.name()
                        + ") "
                        + r.status()
                        + ": "
                        + r.reason().get());
    if (committed == 0) {
      Git git = ctx.git();
      git.checkout(base.equals(cloned) ? base : "origin/" + base);
      String reason = problem.orElse("no step changed anything");
      Progress.say(ctx, "failed", reason + "; nothing pushed");
      return new MigrationResult(
          MigrationResult.FAILED,
          recipeId,
          branch,
          Optional.empty(),
          results,
          baseline.count(),
          testsAfter,
          baseline.coverage(),
          left,
          tokens,
          Optional.of(reason));
    }
    Progress.say(ctx, "push", "pushing " + branch);
    ctx.git().push("origin", branch);
    String title = "Migrate " + name + (complete ? "" : " (partial)");
    String body =
        PullRequestBody.of(
            name,
            recipeId,
            recipe.map(Recipe::description).orElse(""),
            scope,
            results,
            left,
            ctx.runId());
    PullRequest pr = ctx.pullRequests().ensure(branch, base, title, body, false);
    Progress.say(ctx, "pull-request", "pull request #" + pr.number() + ": " + pr.url());
    return new MigrationResult(
        complete ? MigrationResult.SUCCEEDED : MigrationResult.PARTIAL,
        recipeId,
        branch,
        Optional.of(pr),
        results,
        baseline.count(),
        testsAfter,
        baseline.coverage(),
        left,
        tokens,
        complete ? Optional.empty() : problem);
  }
}
