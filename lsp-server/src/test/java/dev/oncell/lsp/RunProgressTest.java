package dev.oncell.lsp;

import static dev.oncell.lsp.FileRequestsTest.code;
import static dev.oncell.lsp.FileRequestsTest.error;
import static dev.oncell.lsp.FileRequestsTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.oncell.client.CreateCustomer;
import dev.oncell.lsp.OncellProtocol.RunAgentParams;
import dev.oncell.lsp.OncellProtocol.RunIdParams;
import dev.oncell.lsp.OncellProtocol.RunStarted;
import dev.oncell.lsp.testagents.FindingsAgent;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.eclipse.lsp4j.ChangeAnnotation;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.WorkspaceEditChangeAnnotationSupportCapabilities;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Agent runs through the language server: progress, findings as diagnostics, cancellation. */
class RunProgressTest {

  private static final byte[] PLUGIN =
      PluginJars.plugin("findings-plugin", "1.0.0", FindingsAgent.class);

  @RegisterExtension final TestHost oncell = TestHost.create();
  private LspSession lsp;

  @BeforeEach
  void start() throws Exception {
    lsp = new LspSession(oncell, "acme");
    lsp.client.deployments().deploy(PLUGIN, "production");
    lsp.client
        .customers()
        .create(CreateCustomer.of("acme").withAgent("findings").withWaitForSetup(true));
    InitializeParams params = new InitializeParams();
    ClientCapabilities capabilities = new ClientCapabilities();
    WindowClientCapabilities window = new WindowClientCapabilities();
    window.setWorkDoneProgress(true);
    capabilities.setWindow(window);
    WorkspaceEditCapabilities edits = new WorkspaceEditCapabilities();
    edits.setDocumentChanges(true);
    edits.setChangeAnnotationSupport(new WorkspaceEditChangeAnnotationSupportCapabilities(false));
    WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
    workspace.setWorkspaceEdit(edits);
    capabilities.setWorkspace(workspace);
    params.setCapabilities(capabilities);
    get(lsp.server.initialize(params));
  }

  @AfterEach
  void stop() {
    lsp.close();
  }

  @Test
  void aRunShowsAsProgressAndItsFindingsAsDiagnostics() throws Exception {
    RunStarted started = get(lsp.server.runAgent(new RunAgentParams("review", null)));
    assertThat(started.runId()).isNotBlank();
    assertThat(started.progressToken()).isEqualTo("oncell-run-" + started.runId());

    await(() -> ended(started.progressToken()));
    assertThat(lsp.editor.createdTokens).contains(started.progressToken());
    List<WorkDoneProgressNotification> sequence = progressOf(started.progressToken());
    assertThat(sequence.getFirst()).isInstanceOf(WorkDoneProgressBegin.class);
    assertThat(((WorkDoneProgressBegin) sequence.getFirst()).getTitle())
        .isEqualTo("oncell: review");
    assertThat(((WorkDoneProgressBegin) sequence.getFirst()).getCancellable()).isTrue();
    assertThat(sequence.getLast()).isInstanceOf(WorkDoneProgressEnd.class);
    assertThat(((WorkDoneProgressEnd) sequence.getLast()).getMessage()).isEqualTo("succeeded");
    List<String> reports =
        sequence.stream()
            .filter(WorkDoneProgressReport.class::isInstance)
            .map(n -> ((WorkDoneProgressReport) n).getMessage())
            .toList();
    assertThat(reports).contains("progress: reading", "progress: thinking");
    List<Integer> percentages =
        sequence.stream()
            .filter(WorkDoneProgressReport.class::isInstance)
            .map(n -> ((WorkDoneProgressReport) n).getPercentage())
            .toList();
    assertThat(percentages).as("percentages never go back").isSorted().contains(25, 75);

    await(() -> lsp.editor.diagnostics.size() >= 2);
    PublishDiagnosticsParams app = diagnosticsOf("oncell://acme/src/app.py");
    assertThat(app.getDiagnostics()).hasSize(2);
    Diagnostic offByOne = app.getDiagnostics().getFirst();
    assertThat(offByOne.getRange().getStart().getLine()).isEqualTo(1);
    assertThat(offByOne.getSeverity()).isEqualTo(DiagnosticSeverity.Error);
    assertThat(offByOne.getMessage().getLeft()).contains("Off by one", "one short");
    assertThat(offByOne.getSource()).isEqualTo("oncell review");
    assertThat(app.getDiagnostics().get(1).getSeverity()).isEqualTo(DiagnosticSeverity.Warning);
    PublishDiagnosticsParams config = diagnosticsOf("oncell://acme/config.yml");
    assertThat(config.getDiagnostics().getFirst().getCode().getLeft())
        .isEqualTo("hardcoded-secret");

    assertThat(lsp.editor.logs).anyMatch(m -> m.getMessage().contains(started.runId()));

    // The finding with a suggestion is a quick fix replacing its line; the others offer none.
    var actions = codeActions(app, offByOne);
    assertThat(actions).hasSize(1);
    var fix = actions.getFirst().getRight();
    assertThat(fix.getTitle()).isEqualTo("Apply oncell's suggestion: Off by one");
    assertThat(fix.getKind()).isEqualTo("quickfix");
    TextEdit edit = previewedEdit(fix, app.getUri());
    assertThat(edit.getNewText()).isEqualTo("for i in range(n + 1):\n");
    assertThat(edit.getRange())
        .isEqualTo(
            new org.eclipse.lsp4j.Range(
                new org.eclipse.lsp4j.Position(1, 0), new org.eclipse.lsp4j.Position(2, 0)));
  }

  @Test
  void anEditsEventIsAProposalWithAPreviewedQuickFixAndBadProposalsAreDropped() throws Exception {
    RunStarted started = get(lsp.server.runAgent(new RunAgentParams("propose", null)));
    await(() -> ended(started.progressToken()));
    await(() -> !lsp.editor.diagnostics.isEmpty());
    assertThat(lsp.editor.diagnostics)
        .as("nothing outside the cell, nothing for a bad range or a missing replacement")
        .extracting(PublishDiagnosticsParams::getUri)
        .containsExactly("oncell://acme/src/app.py");
    PublishDiagnosticsParams app = diagnosticsOf("oncell://acme/src/app.py");
    assertThat(app.getDiagnostics()).hasSize(1);
    Diagnostic proposal = app.getDiagnostics().getFirst();
    assertThat(proposal.getSeverity()).isEqualTo(DiagnosticSeverity.Information);
    assertThat(proposal.getCode().getLeft()).isEqualTo("proposed-edit");
    assertThat(proposal.getMessage().getLeft()).isEqualTo("Proposed edit: Use a constant");
    assertThat(proposal.getRange().getStart().getLine()).isZero();
    assertThat(proposal.getRange().getEnd().getLine()).isEqualTo(1);

    var actions = codeActions(app, proposal);
    assertThat(actions).hasSize(1);
    CodeAction fix = actions.getFirst().getRight();
    assertThat(fix.getTitle()).isEqualTo("Apply oncell's suggestion: Use a constant");
    TextEdit edit = previewedEdit(fix, app.getUri());
    assertThat(edit.getNewText()).isEqualTo("LIMIT = 10\nfor i in range(LIMIT):\n");
    assertThat(edit.getRange())
        .as("both lines, whole")
        .isEqualTo(
            new org.eclipse.lsp4j.Range(
                new org.eclipse.lsp4j.Position(0, 0), new org.eclipse.lsp4j.Position(2, 0)));
  }

  /** What the server offers for {@code diagnostic}, sent with all of the file's diagnostics. */
  private List<Either<org.eclipse.lsp4j.Command, CodeAction>> codeActions(
      PublishDiagnosticsParams file, Diagnostic diagnostic) throws Exception {
    return get(
        lsp.server
            .getTextDocumentService()
            .codeAction(
                new org.eclipse.lsp4j.CodeActionParams(
                    new org.eclipse.lsp4j.TextDocumentIdentifier(file.getUri()),
                    diagnostic.getRange(),
                    new org.eclipse.lsp4j.CodeActionContext(file.getDiagnostics()))));
  }

  /**
   * The one edit of a quick fix, checked to be a document change with an annotation that needs
   * confirmation (LSP4J reads the edit back as a plain TextEdit; CodeActionsTest checks its id).
   */
  private static TextEdit previewedEdit(CodeAction fix, String uri) {
    var changes = fix.getEdit().getDocumentChanges();
    assertThat(changes).hasSize(1);
    var change = changes.getFirst().getLeft();
    assertThat(change.getTextDocument().getUri()).isEqualTo(uri);
    assertThat(change.getEdits()).hasSize(1);
    ChangeAnnotation annotation = fix.getEdit().getChangeAnnotations().get(CodeActions.ANNOTATION);
    assertThat(annotation.getNeedsConfirmation()).as("the editor previews it").isTrue();
    return change.getEdits().getFirst().getLeft();
  }

  @Test
  void cancelRunEndsTheRunAndItsProgress() throws Exception {
    RunStarted started = get(lsp.server.runAgent(new RunAgentParams("slow", null)));
    await(() -> progressOf(started.progressToken()).size() >= 2);

    var cancelled = get(lsp.server.cancelRun(new RunIdParams(started.runId())));
    assertThat(cancelled.status()).isEqualTo("cancelled");

    await(() -> ended(started.progressToken()));
    WorkDoneProgressEnd end = (WorkDoneProgressEnd) progressOf(started.progressToken()).getLast();
    assertThat(end.getMessage()).startsWith("cancelled");
    assertThat(code(error(lsp.server.cancelRun(new RunIdParams(started.runId())))))
        .isEqualTo("run_finished");
  }

  @Test
  void cancellingTheProgressCancelsTheRun() throws Exception {
    RunStarted started = get(lsp.server.runAgent(new RunAgentParams("slow", null)));
    await(() -> progressOf(started.progressToken()).size() >= 2);

    lsp.server.cancelProgress(
        new WorkDoneProgressCancelParams(Either.forLeft(started.progressToken())));

    await(() -> ended(started.progressToken()));
    assertThat(lsp.client.runs().get(started.runId()).status()).isEqualTo("cancelled");
  }

  @Test
  void openFilesThatARunChangedAreNotifiedOnce() throws Exception {
    lsp.client
        .files("acme")
        .write("src/app.py", "print(1)\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    lsp.client
        .files("acme")
        .write("notes.txt", "n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    lsp.client
        .files("acme")
        .write("other.txt", "o".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (String path : List.of("src/app.py", "notes.txt", "other.txt")) {
      get(lsp.server.readFile(new OncellProtocol.PathParams(path)));
      lsp.server
          .getTextDocumentService()
          .didOpen(
              new org.eclipse.lsp4j.DidOpenTextDocumentParams(
                  new org.eclipse.lsp4j.TextDocumentItem(
                      "oncell://acme/" + path, "plaintext", 1, "")));
    }

    RunStarted started = get(lsp.server.runAgent(new RunAgentParams("edit", null)));
    await(() -> ended(started.progressToken()) && lsp.editor.changed.size() >= 2);

    String newVersion =
        get(lsp.server.readFile(new OncellProtocol.PathParams("src/app.py"))).version();
    assertThat(lsp.editor.changed)
        .as("the run's two files, in path order; other.txt is unchanged")
        .containsExactly(
            new OncellEditor.FileChanged("oncell://acme/notes.txt", "notes.txt", null, true),
            new OncellEditor.FileChanged(
                "oncell://acme/src/app.py", "src/app.py", newVersion, false));

    RunStarted again = get(lsp.server.runAgent(new RunAgentParams("review", null)));
    await(() -> ended(again.progressToken()));
    assertThat(lsp.editor.changed).as("nothing changed since: no new notice").hasSize(2);
  }

  @Test
  void anUnknownMethodStartsNothingAndSaysWhy() throws Exception {
    JsonObject input = new JsonObject();
    input.addProperty("x", 1);
    assertThat(code(error(lsp.server.runAgent(new RunAgentParams("nope", input)))))
        .isEqualTo("unknown_method");
    assertThat(code(error(lsp.server.runAgent(new RunAgentParams(" ", null)))))
        .isEqualTo("invalid_method");
    assertThat(lsp.client.runs().list("acme"))
        .as("only the setup run")
        .allMatch(run -> run.method().equals("setup"));
  }

  private boolean ended(String token) {
    List<WorkDoneProgressNotification> sequence = progressOf(token);
    return !sequence.isEmpty() && sequence.getLast() instanceof WorkDoneProgressEnd;
  }

  private List<WorkDoneProgressNotification> progressOf(String token) {
    return lsp.editor.progress.stream()
        .filter(p -> p.getToken().getLeft().equals(token))
        .map(ProgressParams::getValue)
        .map(Either::getLeft)
        .toList();
  }

  private PublishDiagnosticsParams diagnosticsOf(String uri) {
    return lsp.editor.diagnostics.stream()
        .filter(d -> d.getUri().equals(uri))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no diagnostics for " + uri + ": " + lsp.editor.diagnostics));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Eventually.await(condition);
  }
}
