package dev.oncell.plugins.migration;

import dev.oncell.agent.Context;
import dev.oncell.agent.LlmDocument;
import dev.oncell.agent.LlmOptions;
import dev.oncell.agent.LlmResponse;
import dev.oncell.agent.tools.EditBlock;
import dev.oncell.agent.tools.EditBlocks;
import dev.oncell.agent.tools.EditOutcome;
import dev.oncell.agent.tools.Progress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The model's edits of one step (a recipe's model step, a planned step, or a fix of a step whose
 * gates failed): SEARCH/REPLACE blocks ({@link EditBlocks}) applied through the cell's store, only
 * inside the migration's scope; a block that does not apply goes back to the model with its reason
 * (at most {@value #CORRECTIONS} times), never dropped silently.
 */
final class ModelEdits {

  /** Requests for corrected blocks after the first answer. */
  static final int CORRECTIONS = 1;

  /** What the edits changed: files edited, files created, tokens spent. */
  record Result(SortedSet<String> changed, SortedSet<String> created, long tokens) {}

  private final Context ctx;
  private final Settings settings;
  private final Scope scope;
  private final Worktree tree;

  ModelEdits(Context ctx, Settings settings, Scope scope, Worktree tree) {
    this.ctx = ctx;
    this.settings = settings;
    this.scope = scope;
    this.tree = tree;
  }

  /** Asks with {@code prompt}, the files {@code shown} attached as they are now, and applies. */
  Result ask(String prompt, List<String> shown) {
    SortedSet<String> changed = new TreeSet<>();
    SortedSet<String> created = new TreeSet<>();
    long tokens = 0;
    String next = prompt;
    for (int attempt = 0; attempt <= CORRECTIONS; attempt++) {
      LlmResponse answer = ctx.llm(next, options(shown, changed));
      tokens += answer.usage().totalTokens();
      EditBlocks.Parsed parsed = EditBlocks.parse(answer.text());
      List<String> problems = new ArrayList<>(parsed.problems());
      List<EditBlock> inScope = new ArrayList<>();
      for (EditBlock block : parsed.blocks()) {
        if (scope.contains(block.path())) {
          inScope.add(block);
        } else {
          problems.add(
              block.path() + ": outside the migration's scope (" + scope + "), not applied");
        }
      }
      for (EditOutcome outcome : EditBlocks.apply(ctx.store(), inScope)) {
        switch (outcome) {
          case EditOutcome.Applied applied -> {
            String path = applied.block().path();
            if (applied.match() == EditOutcome.Match.NEW_FILE) {
              created.add(path);
            } else if (!created.contains(path)) {
              changed.add(path);
            }
            Progress.say(ctx, "edit", "editing " + path);
          }
          case EditOutcome.Rejected rejected -> problems.add(rejected.describe());
        }
      }
      if (parsed.blocks().isEmpty() && problems.isEmpty()) {
        problems.add("the answer has no SEARCH/REPLACE blocks");
      }
      if (problems.isEmpty()) {
        break;
      }
      Progress.say(ctx, "edit", problems.size() + " edit(s) did not apply: " + problems.getFirst());
      next = Prompts.rejected(problems);
    }
    return new Result(changed, created, tokens);
  }

  private LlmOptions options(List<String> shown, SortedSet<String> changed) {
    List<LlmDocument> docs = new ArrayList<>();
    TreeSet<String> paths = new TreeSet<>(shown);
    paths.addAll(changed);
    for (String path : paths) {
      if (EditBlocks.checkPath(path).isPresent() || !scope.contains(path)) {
        continue; // a planned path that leaves the repository or the scope is not shown
      }
      tree.read(path)
          .filter(b -> b.length <= Rewriter.MAX_BYTES)
          .map(b -> Prompts.cut(new String(b, StandardCharsets.UTF_8)))
          .ifPresent(t -> docs.add(LlmDocument.of(path, t)));
    }
    LlmOptions options =
        LlmOptions.defaults()
            .withSystem(Prompts.SYSTEM)
            .withDocuments(docs.toArray(LlmDocument[]::new));
    return settings.model().map(options::withModel).orElse(options);
  }
}
