package dev.oncell.lsp;

import static dev.oncell.lsp.FileRequestsTest.code;
import static dev.oncell.lsp.FileRequestsTest.error;
import static dev.oncell.lsp.FileRequestsTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.client.CreateCustomer;
import dev.oncell.client.CreateKey;
import dev.oncell.lsp.OncellProtocol.FileContent;
import dev.oncell.lsp.OncellProtocol.PathParams;
import dev.oncell.lsp.OncellProtocol.RunAgentParams;
import dev.oncell.lsp.OncellProtocol.RunStarted;
import dev.oncell.lsp.OncellProtocol.WriteFileParams;
import dev.oncell.lsp.OncellProtocol.WrittenFile;
import dev.oncell.lsp.WebSocketLsp.Editor;
import dev.oncell.lsp.testagents.FindingsAgent;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The language server over the server's WebSocket ({@code /v1/customers/:id/lsp}), end to end: a
 * JDK WebSocket client speaking LSP4J, a customer key, the same requests as over stdio, and the
 * session's end with its socket. The upgrade's refusals and the socket bounds are tested in
 * core/server ({@code LspSocketTest}).
 */
class WebSocketLspTest {

  private static final byte[] PLUGIN =
      PluginJars.plugin("findings-plugin", "1.0.0", FindingsAgent.class);

  private static final String INVOICES =
      """
      package shop;

      public class Invoices {
        public long parseInvoiceTotal(String line) {
          return Long.parseLong(line.split(",")[2]);
        }
      }
      """;

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));
  private WebSocketLsp lsp;
  private String acmeKey;

  @BeforeEach
  void start() {
    lsp = new WebSocketLsp(oncell);
    lsp.client.deployments().deploy(PLUGIN, "production");
    lsp.client
        .customers()
        .create(CreateCustomer.of("acme").withAgent("findings").withWaitForSetup(true));
    acmeKey = lsp.client.keys().create(CreateKey.customer("acme")).key();
  }

  @AfterEach
  void stop() {
    lsp.close();
  }

  @Test
  void initializeSymbolsAndAVersionedWriteOverTheWebSocket() throws Exception {
    lsp.client
        .files("acme")
        .write("src/shop/Invoices.java", INVOICES.getBytes(StandardCharsets.UTF_8));
    lsp.client.search("acme").index("/work");
    Editor editor = lsp.connect("acme", acmeKey);

    InitializeResult init = get(editor.server.initialize(initializeParams(false)));
    assertThat(init.getServerInfo().getName()).isEqualTo("oncell");

    List<? extends WorkspaceSymbol> symbols =
        get(editor.server.getWorkspaceService().symbol(new WorkspaceSymbolParams("Invoices")))
            .getRight();
    assertThat(symbols)
        .anySatisfy(
            s -> {
              assertThat(s.getName()).isEqualTo("Invoices");
              assertThat(s.getLocation().getLeft().getUri())
                  .isEqualTo("oncell://acme/src/shop/Invoices.java");
            });

    FileContent read = get(editor.server.readFile(new PathParams("src/shop/Invoices.java")));
    assertThat(read.content()).isEqualTo(INVOICES);
    WrittenFile mine =
        get(
            editor.server.writeFile(
                new WriteFileParams(
                    "src/shop/Invoices.java", "// v2\n", null, read.version(), null)));
    lsp.client.shell("acme", "printf '// agent\\n' > src/shop/Invoices.java");
    var conflict =
        error(
            editor.server.writeFile(
                new WriteFileParams(
                    "src/shop/Invoices.java", "// v3\n", null, mine.version(), null)));
    assertThat(code(conflict)).isEqualTo("version_conflict");
    assertThat(lsp.client.files("acme").read("src/shop/Invoices.java"))
        .as("the agent's change is kept")
        .isEqualTo("// agent\n".getBytes(StandardCharsets.UTF_8));

    // A message that is not JSON-RPC is dropped; the session goes on.
    editor.socket.sendText("not json at all", true).get(30, TimeUnit.SECONDS);
    assertThat(get(editor.server.stat(new PathParams("src"))).type()).isEqualTo("dir");
  }

  @Test
  void aRunsProgressAndItsFindingsArriveOverTheWebSocket() throws Exception {
    Editor editor = lsp.connect("acme", acmeKey);
    get(editor.server.initialize(initializeParams(true)));

    RunStarted started = get(editor.server.runAgent(new RunAgentParams("review", null)));
    Eventually.await(() -> ended(editor, started.progressToken()));
    List<WorkDoneProgressNotification> sequence = progressOf(editor, started.progressToken());
    assertThat(sequence.getFirst()).isInstanceOf(WorkDoneProgressBegin.class);
    assertThat(sequence)
        .filteredOn(WorkDoneProgressReport.class::isInstance)
        .extracting(n -> ((WorkDoneProgressReport) n).getMessage())
        .contains("progress: reading", "progress: thinking");
    assertThat(((WorkDoneProgressEnd) sequence.getLast()).getMessage()).isEqualTo("succeeded");
    assertThat(editor.editor.createdTokens).contains(started.progressToken());

    Eventually.await(() -> editor.editor.diagnostics.size() >= 2);
    var app =
        editor.editor.diagnostics.stream()
            .filter(d -> d.getUri().equals("oncell://acme/src/app.py"))
            .findFirst()
            .orElseThrow();
    assertThat(app.getDiagnostics()).hasSize(2);
    assertThat(app.getDiagnostics().getFirst().getSeverity()).isEqualTo(DiagnosticSeverity.Error);
    assertThat(app.getDiagnostics().getFirst().getRange().getStart().getLine()).isEqualTo(1);
  }

  @Test
  void closingTheSocketEndsTheSessionAndStopsFollowingItsRuns() throws Exception {
    java.util.Set<String> httpThreadsBefore = httpClientThreads();
    Editor editor = lsp.connect("acme", acmeKey);
    get(editor.server.initialize(initializeParams(true)));
    RunStarted started = get(editor.server.runAgent(new RunAgentParams("slow", null)));
    Eventually.await(() -> !progressOf(editor, started.progressToken()).isEmpty());
    OncellLanguageServer server = lsp.sessions.getFirst().server();
    assertThat(server.activeTasks()).as("the run is followed").isPositive();
    assertThat(httpClientThreads()).as("the session's HTTP client").isNotEqualTo(httpThreadsBefore);

    editor.socket.sendClose(1000, "bye").get(30, TimeUnit.SECONDS);

    Eventually.await(server::terminated);
    assertThat(server.activeTasks()).as("no request nor follower left").isZero();
    // The session's own HTTP client (to the API, with the caller's key) is closed too.
    Eventually.await(() -> httpClientThreads().equals(httpThreadsBefore));
    lsp.client.runs().cancel(started.runId());
  }

  /** The JDK HTTP clients alive now, by their selector threads. */
  private static java.util.Set<String> httpClientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith("HttpClient-") && name.endsWith("-SelectorManager"))
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  @Test
  void exitEndsTheSessionAndClosesTheSocket() throws Exception {
    Editor editor = lsp.connect("acme", acmeKey);
    get(editor.server.initialize(initializeParams(false)));
    get(editor.server.shutdown());
    editor.server.exit();
    assertThat(editor.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1000);
    Eventually.await(() -> lsp.sessions.getFirst().server().terminated());
  }

  @Test
  void noKeyAWrongKeyOrAnotherCustomersKeyIsRefusedAtTheUpgrade() throws Exception {
    lsp.client.customers().create("globex");
    assertThat(refusedStatus("acme", null)).isEqualTo(401);
    assertThat(refusedStatus("acme", "not-a-key-0123456789")).isEqualTo(401);
    assertThat(refusedStatus("globex", acmeKey)).isEqualTo(403);
    assertThat(lsp.sessions).as("no language server was started").isEmpty();
  }

  private int refusedStatus(String customer, String key) throws Exception {
    try {
      lsp.connect(customer, key).socket.abort();
      throw new AssertionError("the upgrade was accepted");
    } catch (java.util.concurrent.ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
      return ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }
  }

  private static InitializeParams initializeParams(boolean progress) {
    InitializeParams params = new InitializeParams();
    ClientCapabilities capabilities = new ClientCapabilities();
    if (progress) {
      WindowClientCapabilities window = new WindowClientCapabilities();
      window.setWorkDoneProgress(true);
      capabilities.setWindow(window);
    }
    params.setCapabilities(capabilities);
    return params;
  }

  private static boolean ended(Editor editor, String token) {
    List<WorkDoneProgressNotification> sequence = progressOf(editor, token);
    return !sequence.isEmpty() && sequence.getLast() instanceof WorkDoneProgressEnd;
  }

  private static List<WorkDoneProgressNotification> progressOf(Editor editor, String token) {
    return editor.editor.progress.stream()
        .filter(p -> p.getToken().getLeft().equals(token))
        .map(ProgressParams::getValue)
        .map(Either::getLeft)
        .toList();
  }
}
