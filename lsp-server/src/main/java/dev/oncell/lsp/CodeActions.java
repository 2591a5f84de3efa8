package dev.oncell.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.AnnotatedTextEdit;
import org.eclipse.lsp4j.ChangeAnnotation;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * {@code textDocument/codeAction}: a diagnostic that carries an edit (a finding's suggestion, an
 * agent's proposed edit: {@link ProposedEdits}) offers a quick fix whose {@link WorkspaceEdit}
 * replaces its lines. When the editor supports change annotations, the edit needs confirmation, so
 * the editor shows a preview before it changes the buffer. Applied, it is an unsaved edit that the
 * user saves (with the version the editor read) like any other.
 */
final class CodeActions {

  /** The one change annotation of an oncell edit. */
  static final String ANNOTATION = "oncell";

  private CodeActions() {}

  static List<Either<Command, CodeAction>> of(CodeActionParams params, boolean preview) {
    List<Either<Command, CodeAction>> actions = new ArrayList<>();
    if (params == null
        || params.getContext() == null
        || params.getContext().getDiagnostics() == null) {
      return actions;
    }
    String uri = params.getTextDocument().getUri();
    for (Diagnostic diagnostic : params.getContext().getDiagnostics()) {
      JsonObject data = data(diagnostic.getData());
      if (data == null || !data.has(ProposedEdits.REPLACEMENT)) {
        continue;
      }
      String replacement = data.get(ProposedEdits.REPLACEMENT).getAsString();
      String title =
          data.has(ProposedEdits.TITLE) ? data.get(ProposedEdits.TITLE).getAsString() : "";
      int line = diagnostic.getRange().getStart().getLine();
      int endLine =
          data.has(ProposedEdits.END_LINE)
              ? Math.max(line, data.get(ProposedEdits.END_LINE).getAsInt() - 1)
              : line;
      // From the first line's start to the start of the line after the last: whole lines.
      Range lines = new Range(new Position(line, 0), new Position(endLine + 1, 0));
      String text = replacement.endsWith("\n") ? replacement : replacement + "\n";
      CodeAction action =
          new CodeAction("Apply oncell's suggestion" + (title.isEmpty() ? "" : ": " + title));
      action.setKind(CodeActionKind.QuickFix);
      action.setDiagnostics(List.of(diagnostic));
      action.setEdit(preview ? previewed(uri, lines, text, title) : direct(uri, lines, text));
      actions.add(Either.forRight(action));
    }
    return actions;
  }

  private static WorkspaceEdit direct(String uri, Range range, String text) {
    return new WorkspaceEdit(Map.of(uri, List.of(new TextEdit(range, text))));
  }

  /** The edit as a document change annotated as needing confirmation: the editor previews it. */
  private static WorkspaceEdit previewed(String uri, Range range, String text, String title) {
    TextDocumentEdit change =
        new TextDocumentEdit(
            new VersionedTextDocumentIdentifier(uri, null),
            List.of(Either.forLeft(new AnnotatedTextEdit(range, text, ANNOTATION))));
    WorkspaceEdit edit = new WorkspaceEdit(List.of(Either.forLeft(change)));
    ChangeAnnotation annotation =
        new ChangeAnnotation("oncell: " + (title.isEmpty() ? "suggested edit" : title));
    annotation.setNeedsConfirmation(true);
    annotation.setDescription("An edit an agent proposed; review it before it is applied.");
    edit.setChangeAnnotations(Map.of(ANNOTATION, annotation));
    return edit;
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
