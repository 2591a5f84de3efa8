package dev.oncell.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * {@code textDocument/codeAction}: a finding that came with a suggestion (the whole replacement of
 * its line) offers a quick fix whose {@link WorkspaceEdit} replaces that line. The editor applies
 * it to its buffer, where the user sees it and saves it (with the version it read) like any edit.
 */
final class CodeActions {

  private CodeActions() {}

  static List<Either<Command, CodeAction>> of(CodeActionParams params) {
    List<Either<Command, CodeAction>> actions = new ArrayList<>();
    if (params == null
        || params.getContext() == null
        || params.getContext().getDiagnostics() == null) {
      return actions;
    }
    String uri = params.getTextDocument().getUri();
    for (Diagnostic diagnostic : params.getContext().getDiagnostics()) {
      JsonObject data = data(diagnostic.getData());
      if (data == null || !data.has(FindingDiagnostics.SUGGESTION)) {
        continue;
      }
      String suggestion = data.get(FindingDiagnostics.SUGGESTION).getAsString();
      int line = diagnostic.getRange().getStart().getLine();
      // From the line's start to the next line's start: the line's text, whatever its length.
      Range wholeLine = new Range(new Position(line, 0), new Position(line + 1, 0));
      TextEdit replace =
          new TextEdit(wholeLine, suggestion.endsWith("\n") ? suggestion : suggestion + "\n");
      CodeAction action =
          new CodeAction(
              "Apply oncell's suggestion"
                  + (data.has("title") ? ": " + data.get("title").getAsString() : ""));
      action.setKind(CodeActionKind.QuickFix);
      action.setDiagnostics(List.of(diagnostic));
      action.setEdit(new WorkspaceEdit(Map.of(uri, List.of(replace))));
      actions.add(Either.forRight(action));
    }
    return actions;
  }

  /** A diagnostic's data as LSP4J hands it over: a Gson tree, or its text. */
  private static JsonObject data(Object data) {
    if (data instanceof JsonObject object) {
      return object;
    }
    if (data instanceof JsonElement element && element.isJsonObject()) {
      return element.getAsJsonObject();
    }
    if (data instanceof String text) {
      try {
        JsonElement parsed = JsonParser.parseString(text);
        return parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
      } catch (RuntimeException e) {
        return null;
      }
    }
    return null;
  }
}
