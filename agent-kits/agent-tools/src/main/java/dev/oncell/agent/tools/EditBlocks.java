package dev.oncell.agent.tools;

import dev.oncell.agent.FileStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SEARCH/REPLACE edit format: how a model says what to change in a repository, and how those
 * edits are applied. A block names a file on the line before it:
 *
 * <pre>
 * src/calc.py
 * &lt;&lt;&lt;&lt;&lt;&lt;&lt; SEARCH
 * def add(a, b):
 *     return a - b
 * =======
 * def add(a, b):
 *     return a + b
 * &gt;&gt;&gt;&gt;&gt;&gt;&gt; REPLACE
 * </pre>
 *
 * An empty SEARCH section creates a new file with the REPLACE section as its content.
 *
 * <p>Why this format: models produce it reliably (it needs no line numbers, which they get wrong),
 * and it fails loudly: a block whose SEARCH text is not in the file, or is there twice, is {@link
 * EditOutcome.Rejected rejected} with a reason to send back to the model, never dropped or applied
 * at a guess.
 */
public final class EditBlocks {

  /** What to put in a prompt so that a model answers in this format. */
  public static final String FORMAT =
      """
      Answer with SEARCH/REPLACE blocks only. Each block is: the file's path on a line of its own,
      then a line `<<<<<<< SEARCH`, the exact lines to find (copied from the file, with enough lines
      to match once), a line `=======`, the lines to put instead, and a line `>>>>>>> REPLACE`.
      To create a file, leave the SEARCH section empty and put the whole file in REPLACE.
      Paths are relative to the repository root. Use several blocks for several changes.
      """;

  private static final Pattern SEARCH = Pattern.compile("^\\s*<{5,9} ?SEARCH\\s*$");
  private static final Pattern DIVIDER = Pattern.compile("^\\s*={5,9}\\s*$");
  private static final Pattern REPLACE = Pattern.compile("^\\s*>{5,9} ?REPLACE\\s*$");
  private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*$");

  private EditBlocks() {}

  /**
   * The blocks in a model's answer, and what could not be read as a block (a block without a path
   * or without its end), so that nothing the model meant is lost silently.
   */
  public record Parsed(List<EditBlock> blocks, List<String> problems) {
    public Parsed {
      blocks = List.copyOf(blocks);
      problems = List.copyOf(problems);
    }
  }

  /** Reads the blocks in {@code answer}; text outside blocks (explanations, fences) is ignored. */
  public static Parsed parse(String answer) {
    Objects.requireNonNull(answer, "answer");
    List<String> lines = List.of(answer.split("\r?\n", -1));
    List<EditBlock> blocks = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int i = 0;
    int afterLastBlock = 0;
    while (i < lines.size()) {
      if (!SEARCH.matcher(lines.get(i)).matches()) {
        i++;
        continue;
      }
      int opened = i;
      Optional<String> path = pathBefore(lines, afterLastBlock, opened);
      int divider = next(lines, opened + 1, DIVIDER);
      int end = divider < 0 ? -1 : next(lines, divider + 1, REPLACE);
      if (end < 0) {
        problems.add(
            "the block opened at line "
                + (opened + 1)
                + " has no `=======` and `>>>>>>> REPLACE` after it");
        break;
      }
      String search = section(lines, opened + 1, divider);
      String replace = section(lines, divider + 1, end);
      if (path.isEmpty()) {
        problems.add("the block at line " + (opened + 1) + " names no file on the line before it");
      } else if (search.isEmpty()) {
        blocks.add(new EditBlock.WriteFile(path.get(), replace));
      } else {
        blocks.add(new EditBlock.Replace(path.get(), search, replace));
      }
      i = end + 1;
      afterLastBlock = i;
    }
    return new Parsed(blocks, problems);
  }

  /**
   * Applies {@code blocks} in order to the files of {@code store} (the cell's {@code /work}); each
   * block sees the file as the blocks before it left it. A rejected block changes nothing.
   */
  public static List<EditOutcome> apply(FileStore store, List<EditBlock> blocks) {
    Objects.requireNonNull(store, "store");
    List<EditOutcome> outcomes = new ArrayList<>();
    for (EditBlock block : blocks) {
      outcomes.add(applyOne(store, block));
    }
    return List.copyOf(outcomes);
  }

  private static EditOutcome applyOne(FileStore store, EditBlock block) {
    Optional<String> badPath = checkPath(block.path());
    if (badPath.isPresent()) {
      return new EditOutcome.Rejected(block, badPath.get());
    }
    return switch (block) {
      case EditBlock.WriteFile write -> {
        if (store.exists(write.path())) {
          yield new EditOutcome.Rejected(
              block,
              "the file exists: change it with a SEARCH/REPLACE block (an empty SEARCH section"
                  + " only creates new files)");
        }
        store.write(write.path(), write.content().getBytes(StandardCharsets.UTF_8));
        yield new EditOutcome.Applied(block, EditOutcome.Match.NEW_FILE);
      }
      case EditBlock.Replace replace -> {
        if (!store.exists(replace.path()) || store.isDirectory(replace.path())) {
          yield new EditOutcome.Rejected(
              block, "no such file; to create it, leave the SEARCH section empty");
        }
        String original = new String(store.read(replace.path()), StandardCharsets.UTF_8);
        yield switch (SearchReplace.apply(original, replace.search(), replace.replace())) {
          case SearchReplace.Patched patched -> {
            store.write(replace.path(), patched.text().getBytes(StandardCharsets.UTF_8));
            yield new EditOutcome.Applied(block, patched.match());
          }
          case SearchReplace.Failed failed -> new EditOutcome.Rejected(block, failed.reason());
        };
      }
    };
  }

  /**
   * Why {@code path} may not be edited, if it may not: it must be relative, stay inside the
   * repository ({@code ..} is refused) and not be in {@code .git}, whose hooks and config would run
   * code outside the agent's control.
   */
  public static Optional<String> checkPath(String path) {
    if (path.isBlank()) {
      return Optional.of("the path is empty");
    }
    if (path.startsWith("/")
        || path.startsWith("~")
        || path.contains("\\")
        || path.indexOf('\0') >= 0) {
      return Optional.of("the path must be relative to the repository, with / between folders");
    }
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        return Optional.of("the path must stay inside the repository (no ..)");
      }
      if (part.equals(".git")) {
        return Optional.of("files under .git are not editable");
      }
    }
    return Optional.empty();
  }

  /** The path on the last non-blank, non-fence line before {@code block}, cleaned of markup. */
  private static Optional<String> pathBefore(List<String> lines, int from, int block) {
    for (int i = block - 1; i >= from; i--) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || FENCE.matcher(line).matches()) {
        continue;
      }
      String path = line.replaceAll("^[#*>\\s]+|[*:\\s]+$", "").replace("`", "").strip();
      path = path.startsWith("./") ? path.substring(2) : path;
      return path.isEmpty() || path.contains(" ") ? Optional.empty() : Optional.of(path);
    }
    return Optional.empty();
  }

  private static int next(List<String> lines, int from, Pattern pattern) {
    for (int i = from; i < lines.size(); i++) {
      if (pattern.matcher(lines.get(i)).matches()) {
        return i;
      }
    }
    return -1;
  }

  private static String section(List<String> lines, int from, int to) {
    if (from >= to) {
      return "";
    }
    return String.join("\n", lines.subList(from, to)) + "\n";
  }
}
