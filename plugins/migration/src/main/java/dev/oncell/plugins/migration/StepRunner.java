package dev.oncell.plugins.migration;

import dev.oncell.agent.Context;
import dev.oncell.agent.git.Git;
import dev.oncell.agent.tools.Progress;
import dev.oncell.agent.tools.SecretDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Runs one step: applies it (rules, or the model's edits), checks the {@link Gates}, lets the model
 * fix a failing step a bounded number of rounds, then commits the step's files (one commit, its
 * message naming the step) or puts them back as they were. Only the files the step changed are ever
 * committed or reverted, never build output or anything else in the working tree.
 */
final class StepRunner {

  private final Context ctx;
  private final Settings settings;
  private final Scope scope;
  private final Worktree tree;
  private final TestInventory inventory;
  private final Gates gates;
  private final Gates.Baseline baseline;
  private final boolean modelAllowed;
  private final String migration;
  private final SecretDetector secrets = SecretDetector.defaults();
  private final RecipeEdits edits;
  private long tokens;

  StepRunner(
      Context ctx,
      Settings settings,
      Scope scope,
      Worktree tree,
      TestInventory inventory,
      Gates gates,
      Gates.Baseline baseline,
      boolean modelAllowed,
      String migration,
      List<String> scopeFiles) {
    this.ctx = ctx;
    this.settings = settings;
    this.scope = scope;
    this.tree = tree;
    this.inventory = inventory;
    this.gates = gates;
    this.baseline = baseline;
    this.modelAllowed = modelAllowed;
    this.migration = migration;
    this.edits = new RecipeEdits(ctx, settings, scope, tree, scopeFiles);
  }

  long tokens() {
    return tokens;
  }

  StepResult run(int index, int of, StepSpec step, int testsBefore) {
    long start = clock();
    Progress.say(ctx, "step", "step " + index + "/" + of + ": " + step.name());
    SortedSet<String> changed = new TreeSet<>();
    SortedSet<String> created = new TreeSet<>();
    List<String> skipped = new ArrayList<>();
    var snapshot = inventory.snapshot();
    if (step.byModel()) {
      List<String> shown =
          step.rules().isPresent() ? edits.matching(step.rules().get(), skipped) : step.files();
      if (shown.isEmpty() && step.rules().isPresent()) {
        return unchanged(index, step, skipped, testsBefore, start);
      }
      if (!modelAllowed) {
        return result(
            index,
            step,
            StepResult.SKIPPED,
            shown,
            skipped,
            testsBefore,
            -1,
            0,
            Optional.empty(),
            Optional.of("needs the model, which is not allowed (useModel is false)"),
            start);
      }
      ModelEdits.Result asked =
          new ModelEdits(ctx, settings, scope, tree)
              .ask(Prompts.step(migration, step.name(), step.instruction().orElse("")), shown);
      tokens += asked.tokens();
      changed.addAll(asked.changed());
      created.addAll(asked.created());
    } else if (step.byCommand()) {
      RecipeEdits.CommandOutcome ran = edits.command(step.rules().get(), skipped);
      changed.addAll(ran.changed());
      created.addAll(ran.created());
      if (ran.failure().isPresent()) {
        tree.restore(changed, created);
        Progress.say(ctx, "revert", "step " + index + " reverted: " + ran.failure().get());
        return result(
            index,
            step,
            StepResult.REVERTED,
            List.copyOf(union(changed, created)),
            skipped,
            testsBefore,
            -1,
            0,
            Optional.empty(),
            ran.failure(),
            start);
      }
    } else {
      changed.addAll(edits.rewrite(step.rules().get(), skipped));
    }
    if (changed.isEmpty() && created.isEmpty()) {
      return unchanged(index, step, skipped, testsBefore, start);
    }
    inventory.update(union(changed, created));
    Gates.Check check = checkWithSecrets(union(changed, created));
    int rounds = 0;
    while (!check.passed() && modelAllowed && rounds < settings.maxFixRounds()) {
      rounds++;
      Progress.say(
          ctx,
          "fix",
          "fixing step " + index + " (round " + rounds + "): " + check.problems().getFirst());
      ModelEdits.Result fix =
          new ModelEdits(ctx, settings, scope, tree)
              .ask(
                  Prompts.fix(step.name(), check.problems(), check.tests()),
                  List.copyOf(union(changed, created)));
      tokens += fix.tokens();
      fix.changed().stream().filter(p -> !created.contains(p)).forEach(changed::add);
      created.addAll(fix.created());
      inventory.update(union(changed, created));
      check = checkWithSecrets(union(changed, created));
    }
    List<String> files = List.copyOf(union(changed, created));
    if (!check.passed()) {
      tree.restore(changed, created);
      inventory.restore(snapshot);
      String reason = String.join("; ", check.problems());
      Progress.say(ctx, "revert", "step " + index + " reverted: " + reason);
      return result(
          index,
          step,
          StepResult.REVERTED,
          files,
          skipped,
          testsBefore,
          check.count(),
          rounds,
          Optional.empty(),
          Optional.of(reason),
          start);
    }
    Git git = ctx.git();
    git.add(files);
    String commit =
        git.commit(
            migration
                + ", step "
                + index
                + "/"
                + of
                + ": "
                + step.name()
                + "\n\n"
                + "Files: "
                + String.join(", ", files)
                + "\nTests: "
                + testsBefore
                + " before, "
                + check.count()
                + " after ("
                + check.tests().describe()
                + ").\n");
    Progress.say(ctx, "commit", "step " + index + " committed: " + commit);
    return result(
        index,
        step,
        StepResult.COMMITTED,
        files,
        skipped,
        testsBefore,
        check.count(),
        rounds,
        Optional.of(commit),
        Optional.empty(),
        start);
  }

  private Gates.Check checkWithSecrets(SortedSet<String> files) {
    Gates.Check check = gates.check(baseline);
    List<String> found = new ArrayList<>();
    for (String file : files) {
      tree.text(file).ifPresent(t -> secrets.scan(file, t).forEach(f -> found.add(f.describe())));
    }
    if (found.isEmpty()) {
      return check;
    }
    List<String> problems = new ArrayList<>(check.problems());
    problems.add("what looks like a secret: " + String.join(", ", found));
    return new Gates.Check(check.tests(), check.count(), check.coverage(), problems);
  }

  private StepResult unchanged(
      int index, StepSpec step, List<String> skipped, int tests, long start) {
    Progress.say(ctx, "step", "step " + index + ": nothing to change");
    return result(
        index,
        step,
        StepResult.UNCHANGED,
        List.of(),
        skipped,
        tests,
        tests,
        0,
        Optional.empty(),
        Optional.empty(),
        start);
  }

  private StepResult result(
      int index,
      StepSpec step,
      String status,
      List<String> files,
      List<String> skipped,
      int before,
      int after,
      int rounds,
      Optional<String> commit,
      Optional<String> reason,
      long start) {
    return new StepResult(
        index,
        step.name(),
        step.source(),
        status,
        files,
        skipped,
        before,
        after,
        rounds,
        commit,
        reason,
        clock() - start);
  }

  /**
   * The wall clock, journaled: a resumed run sees the times it saw, and decides nothing by them.
   */
  private long clock() {
    return ctx.step("clock", Long.class, System::currentTimeMillis);
  }

  private static SortedSet<String> union(SortedSet<String> a, SortedSet<String> b) {
    SortedSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
