package dev.oncell.plugins.coding;

import dev.oncell.agent.Context;
import dev.oncell.agent.GrepMatch;
import dev.oncell.agent.LlmDocument;
import dev.oncell.agent.SearchHit;
import dev.oncell.agent.tools.EditBlocks;
import dev.oncell.agent.tools.Progress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the model is shown about the repository: its own instructions for contributors ({@code
 * AGENTS.md}, {@code CONTRIBUTING.md}), the index's best hits for the instruction, the lines that
 * mention the symbols the instruction names, and, once planned, the files to edit in full (a model
 * can only write a SEARCH block for text it has seen).
 */
final class RepoContext {

  /** Files whose advice the repository's owners wrote for contributors, human or not. */
  static final List<String> INSTRUCTION_FILES = List.of("AGENTS.md", "CONTRIBUTING.md");

  private static final int SEARCH_HITS = 8;
  private static final int GREP_LINES_PER_SYMBOL = 20;
  private static final int MAX_FILES = 8;
  private static final int MAX_FILE_CHARS = 40_000;

  /** `name`, name(), CamelCase and snake_case words: what people call symbols in an instruction. */
  private static final Pattern SYMBOL =
      Pattern.compile(
          "`([A-Za-z_][A-Za-z0-9_.]*)`|\\b([A-Za-z_][A-Za-z0-9_]*)\\(\\)"
              + "|\\b([a-z]+[A-Z][A-Za-z0-9]*|[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*|[a-z0-9]+_[a-z0-9_]+)\\b");

  private final Context ctx;

  RepoContext(Context ctx) {
    this.ctx = ctx;
  }

  /** The repository's instruction files that exist, in full. */
  List<LlmDocument> instructions() {
    List<LlmDocument> docs = new ArrayList<>();
    for (String file : INSTRUCTION_FILES) {
      read(file).ifPresent(text -> docs.add(LlmDocument.of(file, text)));
    }
    return docs;
  }

  /** The index's best hits for the instruction. */
  List<SearchHit> search(String instruction) {
    return ctx.search(instruction, SEARCH_HITS);
  }

  /** Lines naming the instruction's symbols, as {@code path:line: text}. */
  List<String> symbolLines(String instruction) {
    List<String> lines = new ArrayList<>();
    for (String symbol : symbols(instruction)) {
      // symbols hold only letters, digits, _ and . (escaped): safe in an extended regex
      String regex = "\\b" + symbol.replace(".", "\\.") + "\\b";
      List<GrepMatch> matches = ctx.grep(regex, Optional.empty());
      matches.stream()
          .limit(GREP_LINES_PER_SYMBOL)
          .forEach(m -> lines.add(m.path() + ":" + m.line() + ": " + m.text().strip()));
    }
    return lines;
  }

  /** The words of {@code instruction} that look like code symbols, in order, once each. */
  static List<String> symbols(String instruction) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = SYMBOL.matcher(instruction);
    while (m.find()) {
      for (int g = 1; g <= 3; g++) {
        if (m.group(g) != null && m.group(g).matches("[A-Za-z0-9_.]+")) {
          found.add(m.group(g));
        }
      }
    }
    return List.copyOf(found);
  }

  /**
   * The files to show in full for editing: those the plan names, then those of the search hits, at
   * most {@value #MAX_FILES}, each streamed as "reading X".
   */
  List<LlmDocument> filesToEdit(Plan plan, List<SearchHit> hits) {
    Set<String> paths = new LinkedHashSet<>(plan.files());
    hits.forEach(h -> paths.add(h.path()));
    List<LlmDocument> docs = new ArrayList<>();
    for (String path : paths) {
      if (docs.size() == MAX_FILES) {
        break;
      }
      if (EditBlocks.checkPath(path).isPresent()) {
        continue;
      }
      Optional<String> text = read(path);
      if (text.isPresent()) {
        Progress.say(ctx, "read", "reading " + path);
        docs.add(LlmDocument.of(path, text.get()));
      }
    }
    return docs;
  }

  /** The files at {@code paths} that exist, in full, each streamed as "reading X". */
  List<LlmDocument> files(List<String> paths) {
    List<LlmDocument> docs = new ArrayList<>();
    for (String path : paths) {
      if (docs.size() == MAX_FILES || EditBlocks.checkPath(path).isPresent()) {
        continue;
      }
      read(path)
          .ifPresent(
              text -> {
                Progress.say(ctx, "read", "reading " + path);
                docs.add(LlmDocument.of(path, text));
              });
    }
    return docs;
  }

  /** The current text of {@code path}, cut at {@value #MAX_FILE_CHARS} characters. */
  Optional<String> read(String path) {
    if (!ctx.store().exists(path) || ctx.store().isDirectory(path)) {
      return Optional.empty();
    }
    String text = new String(ctx.store().read(path), StandardCharsets.UTF_8);
    return Optional.of(
        text.length() <= MAX_FILE_CHARS
            ? text
            : text.substring(0, MAX_FILE_CHARS) + "\n[... cut at " + MAX_FILE_CHARS + " chars]");
  }
}
