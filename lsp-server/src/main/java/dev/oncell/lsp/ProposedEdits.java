package dev.oncell.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Edits an agent proposes instead of making: an {@code edits} event of a run, {@code {title?,
 * edits: [{file, line, endLine?, replacement}]}}, each replacing the whole lines {@code
 * line..endLine} (1-based, inclusive; {@code endLine} defaults to {@code line}) with {@code
 * replacement}. Each becomes an information diagnostic on those lines whose quick fix applies it
 * (with a preview, see {@link CodeActions}); a finding's {@code suggestion} travels the same way.
 */
final class ProposedEdits {

  /** The event type agents stream their proposals as. */
  static final String EVENT = "edits";

  /** At most this many proposals of one run are shown. */
  static final int MAX_EDITS = 500;

  /** A replacement longer than this is not offered. */
  static final int MAX_REPLACEMENT_CHARS = 100_000;

  /** The fields of a diagnostic's {@code data} that carry an edit back with its code action. */
  static final String REPLACEMENT = "suggestion";

  static final String END_LINE = "endLine";
  static final String TITLE = "title";

  private ProposedEdits() {}

  /**
   * Adds the proposals of one {@code edits} event to {@code byPath}, keeping the total within
   * {@link #MAX_EDITS}; a proposal without a file, outside the cell or with a bad range is skipped.
   */
  static void add(JsonNode event, String source, Map<String, List<Diagnostic>> byPath) {
    String title = event.path(TITLE).asText("");
    for (JsonNode edit : event.path("edits")) {
      if (byPath.values().stream().mapToInt(List::size).sum() >= MAX_EDITS) {
        return;
      }
      String path = pathOf(edit.path("file").asText(""));
      int line = edit.path("line").asInt(0);
      int endLine = edit.path(END_LINE).asInt(line);
      JsonNode replacement = edit.path("replacement");
      if (path.isEmpty() || line < 1 || endLine < line || !replacement.isTextual()) {
        continue;
      }
      Diagnostic d = new Diagnostic();
      d.setRange(
          new Range(new Position(line - 1, 0), new Position(endLine - 1, Integer.MAX_VALUE)));
      d.setSeverity(DiagnosticSeverity.Information);
      d.setSource(source);
      d.setCode(Either.forLeft("proposed-edit"));
      d.setMessage(Either.forLeft("Proposed edit" + (title.isEmpty() ? "" : ": " + title)));
      data(replacement.asText(), endLine, title.isEmpty() ? "proposed edit" : title)
          .ifPresent(d::setData);
      byPath.computeIfAbsent(path, k -> new ArrayList<>()).add(d);
    }
  }

  /** A new map of proposals by path, in path order. */
  static Map<String, List<Diagnostic>> byPath() {
    return new TreeMap<>();
  }

  /**
   * What a diagnostic keeps to offer its edit: the replacement, the last line it replaces (1-based)
   * and a title; empty when the replacement is too long to offer.
   */
  static java.util.Optional<JsonObject> data(String replacement, int endLine, String title) {
    if (replacement.length() > MAX_REPLACEMENT_CHARS) {
      return java.util.Optional.empty();
    }
    JsonObject data = new JsonObject();
    data.addProperty(REPLACEMENT, replacement);
    data.addProperty(END_LINE, endLine);
    data.addProperty(TITLE, title);
    return java.util.Optional.of(data);
  }

  /** The path of a file named by a finding or an edit; empty outside the cell's tree. */
  static String pathOf(String file) {
    try {
      return file.isEmpty() ? "" : FileRequests.relative(file);
    } catch (ResponseErrorException e) {
      return "";
    }
  }
}
