package dev.oncell.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * A run's findings as diagnostics, per file. Reads the result shapes of the shipped agents: the
 * review agent's {@code findings: [{file, line, severity, category, title, body}]} and the security
 * agent's {@code findings: [{finding: {file, line, severity, rule, category, cwe, evidence}}]}. A
 * finding without a file is skipped; lines are 1-based there and 0-based in LSP.
 */
final class FindingDiagnostics {

  /** At most this many findings of one run are shown; a hostile result cannot flood the editor. */
  static final int MAX_FINDINGS = 2000;

  private FindingDiagnostics() {}

  /** The diagnostics of {@code result} by path, in path order; empty if it has no findings. */
  static Map<String, List<Diagnostic>> of(JsonNode result, String source) {
    Map<String, List<Diagnostic>> byPath = new TreeMap<>();
    JsonNode findings = result.path("findings");
    if (!findings.isArray()) {
      return byPath;
    }
    int count = 0;
    for (JsonNode item : findings) {
      if (count++ >= MAX_FINDINGS) {
        break;
      }
      JsonNode f = item.has("finding") ? item.get("finding") : item;
      String path = ProposedEdits.pathOf(f.path("file").asText(""));
      if (path.isEmpty()) {
        continue; // no file, or one outside the cell's tree: nothing the editor has
      }
      int line = Math.max(0, f.path("line").asInt(1) - 1);
      Diagnostic d = new Diagnostic();
      d.setRange(new Range(new Position(line, 0), new Position(line, Integer.MAX_VALUE)));
      d.setSeverity(severity(f.path("severity").asText("")));
      d.setSource(source);
      String code = first(f, "rule", "category");
      if (!code.isEmpty()) {
        d.setCode(Either.forLeft(code));
      }
      String title = first(f, "title", "rule");
      String body = first(f, "body", "evidence");
      d.setMessage(Either.forLeft(body.isEmpty() ? title : title + "\n\n" + body));
      JsonNode suggestion = f.path("suggestion");
      if (suggestion.isTextual()) {
        // Kept on the diagnostic; the editor sends it back with textDocument/codeAction.
        ProposedEdits.data(suggestion.asText(), line + 1, title).ifPresent(d::setData);
      }
      byPath.computeIfAbsent(path, k -> new ArrayList<>()).add(d);
    }
    return byPath;
  }

  private static String first(JsonNode node, String... fields) {
    for (String field : fields) {
      String value = node.path(field).asText("");
      if (!value.isEmpty()) {
        return value;
      }
    }
    return "";
  }

  static DiagnosticSeverity severity(String given) {
    return switch (given.toLowerCase(Locale.ROOT)) {
      case "critical", "high", "error", "blocker", "major" -> DiagnosticSeverity.Error;
      case "medium", "warning", "minor" -> DiagnosticSeverity.Warning;
      case "low", "info", "note", "nit" -> DiagnosticSeverity.Information;
      default -> DiagnosticSeverity.Hint;
    };
  }
}
