package dev.oncell.runtime.internal.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.Context;
import dev.oncell.agent.FileEntry;
import dev.oncell.agent.GrepMatch;
import dev.oncell.agent.LlmTool;
import dev.oncell.agent.SearchHit;
import dev.oncell.agent.ShellResult;
import dev.oncell.llm.ToolSpec;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.journal.StepFailures;
import dev.oncell.runtime.internal.store.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Context primitives a model may call: their tool specifications, and their execution through
 * the run's own Context, so that each call is a journaled step like any other.
 *
 * <p>A failing tool (a bad path, a command that cannot start) answers the model with the error
 * instead of failing the run; the text is built from the failure's code and message, which the
 * journal replays identically, so that a replay sends the model the same conversation.
 */
public final class LlmTools {

  static final int MAX_RESULT_CHARS = 16_000;
  private static final int MAX_GREP_LINES = 200;

  private LlmTools() {}

  static String name(LlmTool tool) {
    return tool.name().toLowerCase(Locale.ROOT);
  }

  static Optional<LlmTool> byName(String name) {
    for (LlmTool t : LlmTool.values()) {
      if (name(t).equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  static ToolSpec spec(LlmTool tool) {
    return switch (tool) {
      case SHELL ->
          spec(
              tool,
              "Runs a shell command in the repository's sandbox (bash, working directory /work, no"
                  + " network) and returns its exit code, stdout and stderr.",
              """
              {"type":"object","properties":{
                "command":{"type":"string","description":"the command line, as for bash -c"}},
               "required":["command"]}
              """);
      case SEARCH ->
          spec(
              tool,
              "Searches the repository's code index (keywords and meaning) and returns the best"
                  + " chunks with their paths and lines.",
              """
              {"type":"object","properties":{
                "query":{"type":"string","description":"what to look for: words, a symbol, a question"},
                "topK":{"type":"integer","description":"how many chunks, 1 to 20 (default 5)"}},
               "required":["query"]}
              """);
      case GREP ->
          spec(
              tool,
              "Finds lines matching a regular expression (as grep -E) in the repository's indexed"
                  + " files; returns path:line: text.",
              """
              {"type":"object","properties":{
                "regex":{"type":"string","description":"an extended regular expression"},
                "glob":{"type":"string","description":"only files matching this glob, such as **/*.java"}},
               "required":["regex"]}
              """);
      case READ_FILE ->
          spec(
              tool,
              "Reads a text file of the repository.",
              """
              {"type":"object","properties":{
                "path":{"type":"string","description":"relative to the repository root"}},
               "required":["path"]}
              """);
      case WRITE_FILE ->
          spec(
              tool,
              "Writes a text file of the repository, replacing it if it exists.",
              """
              {"type":"object","properties":{
                "path":{"type":"string","description":"relative to the repository root"},
                "content":{"type":"string","description":"the whole new content"}},
               "required":["path","content"]}
              """);
      case LIST_FILES ->
          spec(
              tool,
              "Lists a folder of the repository: names, types and sizes.",
              """
              {"type":"object","properties":{
                "path":{"type":"string","description":"relative to the repository root; empty for the root"}},
               "required":[]}
              """);
    };
  }

  private static ToolSpec spec(LlmTool tool, String description, String schema) {
    return new ToolSpec(name(tool), description, Json.read(schema));
  }

  /** Runs one call; the answer for the model, never an exception but a cancellation. */
  static String run(Context ctx, List<LlmTool> offered, String name, String arguments) {
    Optional<LlmTool> tool = byName(name).filter(offered::contains);
    if (tool.isEmpty()) {
      return "error: there is no tool named '"
          + name
          + "'; the tools are "
          + offered.stream().map(LlmTools::name).toList();
    }
    JsonNode args;
    try {
      args = Json.MAPPER.readTree(arguments.isBlank() ? "{}" : arguments);
    } catch (java.io.IOException e) {
      return "error: the arguments are not valid JSON: " + arguments;
    }
    if (!args.isObject()) {
      return "error: the arguments must be a JSON object";
    }
    try {
      return cap(execute(ctx, tool.get(), (ObjectNode) args));
    } catch (MissingArgument e) {
      return "error: " + e.getMessage();
    } catch (CellException
        | StepFailures.RecordedFailureException
        | dev.oncell.search.SearchException
        | IllegalArgumentException e) {
      return "error (" + StepFailures.code(e) + "): " + StepFailures.message(e);
    }
  }

  private static String execute(Context ctx, LlmTool tool, ObjectNode args) {
    return switch (tool) {
      case SHELL -> {
        ShellResult r = ctx.shell(text(args, "command"));
        StringBuilder out = new StringBuilder();
        out.append("exit code ").append(r.exitCode());
        if (r.timedOut()) {
          out.append(" (timed out)");
        }
        out.append("\nstdout:\n").append(r.stdout());
        if (!r.stderr().isEmpty()) {
          out.append("\nstderr:\n").append(r.stderr());
        }
        yield out.toString();
      }
      case SEARCH -> {
        int topK = Math.max(1, Math.min(20, args.path("topK").asInt(5)));
        List<SearchHit> hits = ctx.search(text(args, "query"), topK);
        if (hits.isEmpty()) {
          yield "no results";
        }
        StringBuilder out = new StringBuilder();
        for (SearchHit h : hits) {
          out.append(
                  Prompts.document(
                      h.path(), h.content(), Optional.of(h.startLine()), Optional.of(h.endLine())))
              .append('\n');
        }
        yield out.toString();
      }
      case GREP -> {
        Optional<String> glob =
            args.path("glob").isTextual() && !args.get("glob").asText().isBlank()
                ? Optional.of(args.get("glob").asText())
                : Optional.empty();
        List<GrepMatch> matches = ctx.grep(text(args, "regex"), glob);
        if (matches.isEmpty()) {
          yield "no matches";
        }
        StringBuilder out = new StringBuilder();
        matches.stream()
            .limit(MAX_GREP_LINES)
            .forEach(
                m ->
                    out.append(m.path())
                        .append(':')
                        .append(m.line())
                        .append(": ")
                        .append(m.text())
                        .append('\n'));
        if (matches.size() > MAX_GREP_LINES) {
          out.append("... ").append(matches.size() - MAX_GREP_LINES).append(" more lines\n");
        }
        yield out.toString();
      }
      case READ_FILE -> new String(ctx.store().read(text(args, "path")), StandardCharsets.UTF_8);
      case WRITE_FILE -> {
        String path = text(args, "path");
        byte[] content = text(args, "content").getBytes(StandardCharsets.UTF_8);
        ctx.store().write(path, content);
        yield "wrote " + content.length + " bytes to " + path;
      }
      case LIST_FILES -> {
        String path = args.path("path").asText("");
        List<FileEntry> entries = ctx.store().list(path);
        if (entries.isEmpty()) {
          yield "empty folder";
        }
        StringBuilder out = new StringBuilder();
        for (FileEntry e : entries) {
          out.append(e.name())
              .append('\t')
              .append(e.type())
              .append('\t')
              .append(e.size())
              .append('\n');
        }
        yield out.toString();
      }
    };
  }

  private static String text(ObjectNode args, String field) {
    JsonNode v = args.get(field);
    if (v == null || !v.isTextual()) {
      throw new MissingArgument("argument '" + field + "' (a string) is required");
    }
    return v.asText();
  }

  private static String cap(String text) {
    return text.length() <= MAX_RESULT_CHARS
        ? text
        : text.substring(0, MAX_RESULT_CHARS)
            + "\n[cut: "
            + (text.length() - MAX_RESULT_CHARS)
            + " more characters]";
  }

  private static final class MissingArgument extends RuntimeException {
    MissingArgument(String message) {
      super(message);
    }
  }
}
