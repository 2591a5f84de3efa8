package dev.oncell.lsp;

import static dev.oncell.lsp.FileRequestsTest.code;
import static dev.oncell.lsp.FileRequestsTest.error;
import static dev.oncell.lsp.FileRequestsTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.oncell.lsp.OncellProtocol.PathParams;
import dev.oncell.runtime.fixtures.TestHost;
import java.nio.charset.StandardCharsets;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The change feed: open files changed in the cell outside any run reach the editor as {@code
 * oncell/fileChanged} on their own, without {@code oncell/checkFiles}.
 */
class FileWatchTest {

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));
  private LspSession lsp;

  @BeforeEach
  void start() {
    lsp = new LspSession(oncell, "acme");
    lsp.client.customers().create("acme");
  }

  @AfterEach
  void stop() {
    lsp.close();
  }

  @Test
  void anOpenFileChangedByAShellCommandIsNotifiedOnceWithoutBeingAskedFor() throws Exception {
    get(lsp.server.initialize(params(100)));
    lsp.client.files("acme").write("a.txt", "a".getBytes(StandardCharsets.UTF_8));
    lsp.client.files("acme").write("b.txt", "b".getBytes(StandardCharsets.UTF_8));
    for (String path : new String[] {"a.txt", "b.txt"}) {
      get(lsp.server.readFile(new PathParams(path)));
      lsp.server
          .getTextDocumentService()
          .didOpen(
              new DidOpenTextDocumentParams(
                  new TextDocumentItem("oncell://acme/" + path, "plaintext", 1, "")));
    }

    lsp.client.shell("acme", "printf changed > a.txt");
    Eventually.await(() -> lsp.editor.changed.size() == 1);
    String now = lsp.client.files("acme").readVersioned("a.txt").version().orElseThrow();
    assertThat(lsp.editor.changed)
        .containsExactly(new OncellEditor.FileChanged("oncell://acme/a.txt", "a.txt", now, false));

    lsp.server
        .getTextDocumentService()
        .didClose(
            new DidCloseTextDocumentParams(new TextDocumentIdentifier("oncell://acme/a.txt")));
    lsp.client.shell("acme", "printf again > a.txt; rm b.txt");
    Eventually.await(() -> lsp.editor.changed.size() == 2);
    assertThat(lsp.editor.changed.get(1))
        .as("the deleted open file; the closed one is not watched")
        .isEqualTo(new OncellEditor.FileChanged("oncell://acme/b.txt", "b.txt", null, true));
    assertThat(get(lsp.server.checkFiles(null)).changed()).as("already reported").isEmpty();
  }

  @Test
  void aPausedCellIsNotWokenByTheWatchAndIsWatchedAgainOnceAwake() throws Exception {
    get(lsp.server.initialize(params(100)));
    lsp.client.files("acme").write("a.txt", "a".getBytes(StandardCharsets.UTF_8));
    get(lsp.server.readFile(new PathParams("a.txt")));
    lsp.server
        .getTextDocumentService()
        .didOpen(
            new DidOpenTextDocumentParams(
                new TextDocumentItem("oncell://acme/a.txt", "plaintext", 1, "")));

    lsp.client.customers().pause("acme");
    Thread.sleep(1_000); // ten intervals of the watch
    assertThat(lsp.client.customers().get("acme").state())
        .as("an open file does not keep the cell awake")
        .isEqualTo("PAUSED");

    lsp.client.shell("acme", "printf b > a.txt"); // wakes it
    Eventually.await(() -> lsp.editor.changed.size() == 1);
    assertThat(lsp.editor.changed.getFirst().path()).isEqualTo("a.txt");
  }

  @Test
  void aWatchIntervalThatIsNotAWholeNumberInBoundsIsRefusedAtInitialize() throws Exception {
    assertThat(code(error(lsp.server.initialize(params(5))))).isEqualTo("invalid_watch_interval");
    InitializeParams text = params(0);
    ((JsonObject) text.getInitializationOptions()).addProperty("watchIntervalMs", "soon");
    assertThat(code(error(lsp.server.initialize(text)))).isEqualTo("invalid_watch_interval");
  }

  private static InitializeParams params(long watchIntervalMs) {
    InitializeParams params = new InitializeParams();
    params.setCapabilities(new ClientCapabilities());
    JsonObject options = new JsonObject();
    options.addProperty("watchIntervalMs", watchIntervalMs);
    params.setInitializationOptions(options);
    return params;
  }
}
