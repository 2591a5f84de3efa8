package dev.oncell.plugins.migration;

import dev.oncell.agent.Context;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.agent.tools.Progress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The edits of a recipe's deterministic steps: rules applied host-side to the files in scope
 * ({@link Rewriter}, bounded), a command run in the cell's sandbox, and the files a model step of a
 * recipe is about.
 */
final class RecipeEdits {

  /** Most files a model step shows the model at once. */
  static final int MAX_MODEL_FILES = 8;

  /**
   * What a command step changed, and why it failed if it did.
   *
   * @param changed tracked files it changed (in scope, matching the step's files)
   * @param created files it created (likewise)
   * @param failure the command's failure; the step's files are then put back
   */
  record CommandOutcome(
      SortedSet<String> changed, SortedSet<String> created, Optional<String> failure) {}

  private final Context ctx;
  private final Settings settings;
  private final Scope scope;
  private final Worktree tree;
  private final List<String> scopeFiles;

  RecipeEdits(Context ctx, Settings settings, Scope scope, Worktree tree, List<String> scopeFiles) {
    this.ctx = ctx;
    this.settings = settings;
    this.scope = scope;
    this.tree = tree;
    this.scopeFiles = List.copyOf(scopeFiles);
  }

  /** Applies a rules step to the files in scope; returns those it changed. */
  List<String> rewrite(RecipeStep step, List<String> skipped) {
    Glob glob = Glob.of(step.files());
    List<String> changed = new ArrayList<>();
    for (String path : scopeFiles) {
      if (!glob.matches(path)) {
        continue;
      }
      Optional<byte[]> content = tree.read(path);
      if (content.isEmpty()) {
        if (tree.tooLarge(path)) {
          skip(skipped, path, "too large");
        }
        continue;
      }
      switch (Rewriter.apply(step, content.get())) {
        case Rewriter.Outcome.Changed c -> {
          tree.write(path, c.text());
          changed.add(path);
          Progress.say(ctx, "edit", "rewriting " + path);
        }
        case Rewriter.Outcome.Skipped s -> skip(skipped, path, s.reason());
        case Rewriter.Outcome.Unchanged u -> {}
      }
    }
    return changed;
  }

  /** The files in scope that a model step of a recipe is about (its {@code when}). */
  List<String> matching(RecipeStep step, List<String> skipped) {
    Glob glob = Glob.of(step.files());
    List<String> found = new ArrayList<>();
    for (String path : scopeFiles) {
      if (!glob.matches(path) || found.size() == MAX_MODEL_FILES) {
        continue;
      }
      Optional<byte[]> content = tree.read(path);
      if (content.isEmpty()) {
        if (tree.tooLarge(path)) {
          skip(skipped, path, "too large");
        }
        continue;
      }
      if (content.get().length > Rewriter.MAX_BYTES) {
        skip(skipped, path, "too large");
        continue;
      }
      String text = new String(content.get(), StandardCharsets.UTF_8);
      long deadline = System.nanoTime() + Rewriter.TIME_LIMIT.toNanos();
      try {
        if (step.when().map(w -> Rewriter.finds(w, text, deadline)).orElse(true)) {
          found.add(path);
        }
      } catch (DeadlineText.TooSlow e) {
        skip(skipped, path, "too slow");
      }
    }
    return found;
  }

  /**
   * Runs a command step in the cell. What it changed in scope that matches the step's files is the
   * step's; anything else it changed (outside the scope, other files, build output it left) is put
   * back at once, so a command cannot reach past its step.
   */
  CommandOutcome command(RecipeStep step, List<String> skipped) {
    Glob glob = Glob.of(step.files());
    SortedSet<String> untrackedBefore = tree.untracked();
    String command = step.command().orElseThrow();
    Progress.say(ctx, "edit", "running " + command);
    ShellResult r = ctx.shell(command, ShellOptions.defaults().withTimeout(settings.testTimeout()));
    SortedSet<String> changed = new TreeSet<>();
    SortedSet<String> created = new TreeSet<>();
    SortedSet<String> strayChanged = new TreeSet<>();
    SortedSet<String> strayCreated = new TreeSet<>();
    for (String path : tree.modified()) {
      (scope.contains(path) && glob.matches(path) ? changed : strayChanged).add(path);
    }
    for (String path : tree.untracked()) {
      if (!untrackedBefore.contains(path)) {
        (scope.contains(path) && glob.matches(path) ? created : strayCreated).add(path);
      }
    }
    if (!strayChanged.isEmpty() || !strayCreated.isEmpty()) {
      tree.restore(strayChanged, strayCreated);
      TreeSet<String> stray = new TreeSet<>(strayChanged);
      stray.addAll(strayCreated);
      stray.forEach(
          p -> skip(skipped, p, "changed by the command outside the step's files, put back"));
    }
    if (r.failed()) {
      String why =
          r.timedOut()
              ? "the command timed out"
              : "the command failed (exit "
                  + r.exitCode()
                  + "): "
                  + lastLine(r.stderr() + r.stdout());
      return new CommandOutcome(changed, created, Optional.of(why));
    }
    return new CommandOutcome(changed, created, Optional.empty());
  }

  private void skip(List<String> skipped, String path, String why) {
    skipped.add(path + ": skipped: " + why);
    Progress.say(ctx, "edit", path + ": skipped: " + why);
  }

  private static String lastLine(String text) {
    String t = text.strip();
    int nl = t.lastIndexOf('\n');
    String line = nl < 0 ? t : t.substring(nl + 1);
    return line.length() <= 300 ? line : line.substring(0, 300) + "...";
  }
}
