package dev.oncell.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eclipse.lsp4j.AnnotatedTextEdit;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/** Quick fixes for an editor without change annotations, and diagnostics that carry no edit. */
class CodeActionsTest {

  private static final String URI = "oncell://acme/src/app.py";

  private static CodeActionParams params(Diagnostic... diagnostics) {
    Range range = new Range(new Position(0, 0), new Position(0, 0));
    return new CodeActionParams(
        new TextDocumentIdentifier(URI), range, new CodeActionContext(List.of(diagnostics)));
  }

  private static Diagnostic withData(int line, Object data) {
    Diagnostic d = new Diagnostic(new Range(new Position(line, 0), new Position(line, 9)), "x");
    d.setData(data);
    return d;
  }

  @Test
  void withoutPreviewSupportTheFixIsAPlainEditOfItsLines() {
    Diagnostic d = withData(3, ProposedEdits.data("a\nb", 5, "two lines").orElseThrow());

    var actions = CodeActions.of(params(d), false);

    assertThat(actions).hasSize(1);
    var edit = actions.getFirst().getRight().getEdit();
    assertThat(edit.getDocumentChanges()).isNull();
    List<TextEdit> edits = edit.getChanges().get(URI);
    assertThat(edits)
        .containsExactly(new TextEdit(new Range(new Position(3, 0), new Position(5, 0)), "a\nb\n"));
  }

  @Test
  void withPreviewSupportTheFixIsAnAnnotatedChangeThatNeedsConfirmation() {
    Diagnostic d = withData(0, ProposedEdits.data("fixed", 1, "one line").orElseThrow());

    var edit = CodeActions.of(params(d), true).getFirst().getRight().getEdit();

    assertThat(edit.getChanges()).isNull();
    var change = edit.getDocumentChanges().getFirst().getLeft();
    var annotated = (AnnotatedTextEdit) change.getEdits().getFirst().getLeft();
    assertThat(annotated.getAnnotationId()).isEqualTo(CodeActions.ANNOTATION);
    assertThat(annotated.getNewText()).isEqualTo("fixed\n");
    assertThat(edit.getChangeAnnotations().get(CodeActions.ANNOTATION).getLabel())
        .isEqualTo("oncell: one line");
    String wire =
        new org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler(
                java.util.Map.of(), AnnotatedEdits::register)
            .getGson()
            .toJson(edit);
    assertThat(wire)
        .as("the annotation id goes over the wire, or the editor shows no preview")
        .contains("\"annotationId\":\"oncell\"")
        .contains("\"needsConfirmation\":true");
  }

  @Test
  void diagnosticsWithoutAnEditOfferNothing() {
    assertThat(CodeActions.of(params(withData(1, null), withData(2, "not json {")), true))
        .isEmpty();
    assertThat(CodeActions.of(null, true)).isEmpty();
  }

  @Test
  void aReplacementTooLongToOfferIsNotKept() {
    assertThat(ProposedEdits.data("x".repeat(ProposedEdits.MAX_REPLACEMENT_CHARS + 1), 1, "t"))
        .isEmpty();
  }
}
