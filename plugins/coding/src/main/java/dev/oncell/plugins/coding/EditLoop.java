package dev.oncell.plugins.coding;

import dev.oncell.agent.Context;
import dev.oncell.agent.LlmDocument;
import dev.oncell.agent.LlmOptions;
import dev.oncell.agent.LlmResponse;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.tools.EditBlocks;
import dev.oncell.agent.tools.EditOutcome;
import dev.oncell.agent.tools.Progress;
import dev.oncell.agent.tools.TestReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The heart of a task: ask for edits, apply them, run the tests, and on failure show the model what
 * failed and go again, at most {@link Settings#maxRounds()} test runs. A block that does not apply
 * goes back to the model with its reason (at most {@value #CORRECTIONS} times per round) instead of
 * being dropped, so that what the model meant either lands or is visibly given up on.
 */
final class EditLoop {

  /** Requests for corrected blocks per round, after the first answer. */
  static final int CORRECTIONS = 2;

  /** What the loop ended with. */
  record Outcome(
      boolean passed, int rounds, long tokens, SortedSet<String> files, TestReport last) {}

  private final Context ctx;
  private final Settings settings;
  private final RepoContext repo;
  private final String testCommand;
  private final List<LlmDocument> instructions;
  private final Set<String> shown = new LinkedHashSet<>();
  private final SortedSet<String> changed = new TreeSet<>();
  private long tokens;

  EditLoop(
      Context ctx,
      Settings settings,
      RepoContext repo,
      String testCommand,
      List<LlmDocument> instructions,
      List<LlmDocument> files) {
    this.ctx = ctx;
    this.settings = settings;
    this.repo = repo;
    this.testCommand = testCommand;
    this.instructions = List.copyOf(instructions);
    files.forEach(f -> shown.add(f.path()));
  }

  /**
   * Edit and test rounds from {@code firstPrompt}; {@code spentBefore} is what the caller's own
   * model calls cost (the plan), so that the outcome's tokens are the task's whole cost.
   */
  Outcome run(String firstPrompt, long spentBefore) {
    tokens = spentBefore;
    String prompt = firstPrompt;
    TestReport report = null;
    int round = 0;
    while (round < settings.maxRounds()) {
      round++;
      applyEdits(prompt);
      report = runTests();
      if (report.passed()) {
        break;
      }
      prompt = Prompts.testsFailed(report);
    }
    return new Outcome(report.passed(), round, tokens, changed, report);
  }

  /** One round's edits: the model's answer, then corrections of the blocks that did not apply. */
  private void applyEdits(String prompt) {
    for (int attempt = 0; attempt <= CORRECTIONS; attempt++) {
      LlmResponse answer = ctx.llm(prompt, options());
      tokens += answer.usage().totalTokens();
      EditBlocks.Parsed parsed = EditBlocks.parse(answer.text());
      List<String> problems = new ArrayList<>(parsed.problems());
      for (EditOutcome outcome : EditBlocks.apply(ctx.store(), parsed.blocks())) {
        switch (outcome) {
          case EditOutcome.Applied applied -> {
            changed.add(applied.block().path());
            shown.add(applied.block().path());
            Progress.say(ctx, "edit", "editing " + applied.block().path());
          }
          case EditOutcome.Rejected rejected -> problems.add(rejected.describe());
        }
      }
      if (parsed.blocks().isEmpty() && problems.isEmpty()) {
        problems.add("the answer has no SEARCH/REPLACE blocks");
      }
      if (problems.isEmpty()) {
        return;
      }
      Progress.say(ctx, "edit", problems.size() + " edit(s) did not apply: " + problems.getFirst());
      prompt = Prompts.rejected(problems);
    }
  }

  private TestReport runTests() {
    Progress.say(ctx, "test", "running " + testCommand);
    TestReport report =
        TestReport.of(
            testCommand,
            ctx.shell(testCommand, ShellOptions.defaults().withTimeout(settings.testTimeout())));
    Progress.say(ctx, "test", report.describe());
    return report;
  }

  /** The system prompt, the repository's instructions and the files shown, as they are now. */
  private LlmOptions options() {
    List<LlmDocument> docs = new ArrayList<>(instructions);
    for (String path : shown) {
      repo.read(path).ifPresent(text -> docs.add(LlmDocument.of(path, text)));
    }
    LlmOptions options =
        LlmOptions.defaults()
            .withSystem(Prompts.SYSTEM)
            .withDocuments(docs.toArray(LlmDocument[]::new));
    Optional<String> model = settings.model();
    return model.isPresent() ? options.withModel(model.get()) : options;
  }
}
