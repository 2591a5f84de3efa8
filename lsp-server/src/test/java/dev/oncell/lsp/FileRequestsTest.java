package dev.oncell.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.oncell.lsp.OncellProtocol.FileContent;
import dev.oncell.lsp.OncellProtocol.PathParams;
import dev.oncell.lsp.OncellProtocol.WriteFileParams;
import dev.oncell.lsp.OncellProtocol.WrittenFile;
import dev.oncell.runtime.fixtures.TestHost;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The language server over piped streams, against a real oncell server: the file requests. */
class FileRequestsTest {

  @RegisterExtension final TestHost oncell = TestHost.create();
  private LspSession lsp;

  @BeforeEach
  void start() throws Exception {
    lsp = new LspSession(oncell, "acme");
    lsp.client.customers().create("acme");
    InitializeParams params = new InitializeParams();
    params.setCapabilities(new ClientCapabilities());
    InitializeResult init = get(lsp.server.initialize(params));
    assertThat(init.getServerInfo().getName()).isEqualTo("oncell");
    assertThat(init.getCapabilities().getWorkspaceSymbolProvider().getLeft()).isTrue();
    var sync = init.getCapabilities().getTextDocumentSync().getRight();
    assertThat(sync.getOpenClose()).as("the editor says which files are open").isTrue();
    assertThat(sync.getChange())
        .as("but never sends their text")
        .isEqualTo(TextDocumentSyncKind.None);
  }

  @AfterEach
  void stop() {
    lsp.close();
  }

  @Test
  void aWriteWithTheVersionLastSeenSucceedsAndAStaleOneIsRefusedWithoutOverwriting()
      throws Exception {
    lsp.client.files("acme").write("src/app.py", "print(1)\n".getBytes(StandardCharsets.UTF_8));

    FileContent read = get(lsp.server.readFile(new PathParams("src/app.py")));
    assertThat(read.content()).isEqualTo("print(1)\n");
    assertThat(read.encoding()).isEqualTo("utf-8");
    assertThat(read.version()).isNotBlank();

    WrittenFile mine =
        get(
            lsp.server.writeFile(
                new WriteFileParams("src/app.py", "print(2)\n", null, read.version(), null)));
    assertThat(mine.version()).isNotEqualTo(read.version());

    // An agent (here a shell command) changes the file after the editor's save.
    lsp.client.shell("acme", "printf 'print(3)\\n' > src/app.py");

    ResponseError conflict =
        error(
            lsp.server.writeFile(
                new WriteFileParams("src/app.py", "print(4)\n", null, mine.version(), null)));
    assertThat(code(conflict)).isEqualTo("version_conflict");
    assertThat(conflict.getMessage()).contains("nothing was written");
    assertThat(new String(lsp.client.files("acme").read("src/app.py"), StandardCharsets.UTF_8))
        .as("the agent's change is kept")
        .isEqualTo("print(3)\n");

    FileContent fresh = get(lsp.server.readFile(new PathParams("src/app.py")));
    assertThat(fresh.content()).isEqualTo("print(3)\n");
    get(
        lsp.server.writeFile(
            new WriteFileParams("src/app.py", "print(4)\n", null, fresh.version(), null)));
    assertThat(get(lsp.server.readFile(new PathParams("src/app.py"))).content())
        .isEqualTo("print(4)\n");
  }

  @Test
  void withoutAVersionOnlyANewFileIsWrittenUnlessForced() throws Exception {
    get(lsp.server.writeFile(new WriteFileParams("new.txt", "a", null, null, null)));
    ResponseError exists =
        error(lsp.server.writeFile(new WriteFileParams("new.txt", "b", null, null, null)));
    assertThat(code(exists)).isEqualTo("version_conflict");
    assertThat(get(lsp.server.readFile(new PathParams("new.txt"))).content()).isEqualTo("a");

    get(lsp.server.writeFile(new WriteFileParams("new.txt", "c", null, null, true)));
    assertThat(get(lsp.server.readFile(new PathParams("new.txt"))).content()).isEqualTo("c");
  }

  @Test
  void aBinaryFileRoundTripsAsBase64() throws Exception {
    byte[] bytes = {0, 1, 2, (byte) 0xFF, (byte) 0xC3};
    String base64 = Base64.getEncoder().encodeToString(bytes);
    get(lsp.server.writeFile(new WriteFileParams("blob.bin", base64, "base64", null, null)));

    FileContent read = get(lsp.server.readFile(new PathParams("blob.bin")));
    assertThat(read.encoding()).isEqualTo("base64");
    assertThat(Base64.getDecoder().decode(read.content())).isEqualTo(bytes);
    assertThat(read.size()).isEqualTo(5);
  }

  @Test
  void aFileOverTheLimitIsRefusedAndAnOpenOneThatGrewSoIsReportedChangedNotDeleted()
      throws Exception {
    lsp.client.files("acme").write("grows.log", "small\n".getBytes(StandardCharsets.UTF_8));
    get(lsp.server.readFile(new PathParams("grows.log")));
    lsp.server
        .getTextDocumentService()
        .didOpen(
            new DidOpenTextDocumentParams(
                new TextDocumentItem("oncell://acme/grows.log", "log", 1, "small\n")));
    long size = FileRequests.MAX_FILE_BYTES + 1;
    lsp.client.shell("acme", "head -c " + size + " /dev/zero > grows.log");

    ResponseError refused = error(lsp.server.readFile(new PathParams("grows.log")));
    assertThat(code(refused)).isEqualTo("file_too_large");
    assertThat(refused.getMessage())
        .contains(size + " bytes", "at most " + FileRequests.MAX_FILE_BYTES);

    var changed = get(lsp.server.checkFiles(null)).changed();
    assertThat(changed)
        .containsExactly(
            new OncellEditor.FileChanged("oncell://acme/grows.log", "grows.log", null, false));
  }

  @Test
  void linksOutOfTheCellAndFilesThatAreNotRegularAreRefusedAndNothingHangs() throws Exception {
    lsp.client.shell("acme", "ln -s /etc/passwd passwd && mkfifo pipe && ln -s pipe to-pipe");
    for (String path : new String[] {"passwd", "pipe", "to-pipe"}) {
      ResponseError refused = error(lsp.server.readFile(new PathParams(path)));
      assertThat(code(refused)).as(path).isIn("not_found", "not_a_file", "invalid_path");
      assertThat(refused.getMessage()).as(path).doesNotContain("root:");
      lsp.server
          .getTextDocumentService()
          .didOpen(
              new DidOpenTextDocumentParams(
                  new TextDocumentItem("oncell://acme/" + path, "text", 1, "")));
    }
    // The open-file check reads each of them through the API: refused, never blocking on the FIFO.
    assertThat(get(lsp.server.checkFiles(null)).changed()).isEmpty();
  }

  @Test
  void listDirectoryAndStat() throws Exception {
    lsp.client.files("acme").write("src/app.py", "x".getBytes(StandardCharsets.UTF_8));
    lsp.client.files("acme").write("src/lib/util.py", "yy".getBytes(StandardCharsets.UTF_8));

    var listing = get(lsp.server.listDirectory(new PathParams("src")));
    assertThat(listing.entries())
        .containsExactly(
            new OncellProtocol.Entry("app.py", "file", 1),
            new OncellProtocol.Entry("lib", "dir", listing.entries().get(1).size()));

    assertThat(get(lsp.server.stat(new PathParams("src/lib/util.py"))))
        .isEqualTo(new OncellProtocol.FileStat("src/lib/util.py", "file", 2));
    assertThat(get(lsp.server.stat(new PathParams("src"))).type()).isEqualTo("dir");
    assertThat(get(lsp.server.stat(new PathParams(""))).type()).isEqualTo("dir");
    assertThat(code(error(lsp.server.stat(new PathParams("src/nope.py"))))).isEqualTo("not_found");
    assertThat(code(error(lsp.server.stat(new PathParams("src/app.py/x"))))).isEqualTo("not_found");
  }

  @Test
  void badParamsAreInvalidParamsAndChangeNothing() throws Exception {
    ResponseError noPath = error(lsp.server.readFile(new PathParams(null)));
    assertThat(noPath.getCode()).isEqualTo(-32602);
    assertThat(code(noPath)).isEqualTo("invalid_path");

    ResponseError badEncoding =
        error(lsp.server.writeFile(new WriteFileParams("a.txt", "x", "latin-1", null, null)));
    assertThat(code(badEncoding)).isEqualTo("invalid_encoding");
    ResponseError badBase64 =
        error(lsp.server.writeFile(new WriteFileParams("a.txt", "***", "base64", null, null)));
    assertThat(code(badBase64)).isEqualTo("invalid_content");
    ResponseError badVersion =
        error(lsp.server.writeFile(new WriteFileParams("a.txt", "x", null, "a\"b", null)));
    assertThat(code(badVersion)).isEqualTo("invalid_version");
    ResponseError escape =
        error(lsp.server.writeFile(new WriteFileParams("../escape.txt", "x", null, null, true)));
    assertThat(code(escape)).isEqualTo("invalid_path");

    assertThat(lsp.client.files("acme").listRoot().entries())
        .as("no bad request wrote anything")
        .noneMatch(e -> e.name().equals("a.txt"));
  }

  @Test
  void initializeWithAWrongKeyOrCustomerIsAClearSignInError() throws Exception {
    try (var wrongKey =
            dev.oncell.client.OncellClient.create(
                java.net.URI.create(lsp.api.url()), "not-a-valid-key-0123456789");
        var in = new java.io.PipedInputStream();
        var out = new java.io.ByteArrayOutputStream()) {
      OncellLanguageServer server = new OncellLanguageServer(wrongKey, "acme", () -> {});
      InitializeParams params = new InitializeParams();
      params.setCapabilities(new ClientCapabilities());
      ResponseError unauthorized = error(server.initialize(params));
      assertThat(code(unauthorized)).isEqualTo("unauthorized");
      server.close();
    }
    OncellLanguageServer nobody = new OncellLanguageServer(lsp.client, "nobody", () -> {});
    InitializeParams params = new InitializeParams();
    params.setCapabilities(new ClientCapabilities());
    assertThat(code(error(nobody.initialize(params)))).isEqualTo("not_found");
    nobody.close();
  }

  @Test
  void checkFilesReportsOpenFilesChangedByAShellCommandOnce() throws Exception {
    lsp.client.files("acme").write("a.txt", "a".getBytes(StandardCharsets.UTF_8));
    get(lsp.server.readFile(new PathParams("a.txt")));
    lsp.server
        .getTextDocumentService()
        .didOpen(
            new org.eclipse.lsp4j.DidOpenTextDocumentParams(
                new org.eclipse.lsp4j.TextDocumentItem(
                    "oncell://acme/a.txt", "plaintext", 1, "a")));
    assertThat(get(lsp.server.checkFiles(null)).changed()).as("nothing changed yet").isEmpty();

    lsp.client.shell("acme", "printf b > a.txt");

    var changed = get(lsp.server.checkFiles(null)).changed();
    String now = get(lsp.server.readFile(new PathParams("a.txt"))).version();
    assertThat(changed)
        .containsExactly(new OncellEditor.FileChanged("oncell://acme/a.txt", "a.txt", now, false));
    assertThat(get(lsp.server.checkFiles(null)).changed()).as("reported once").isEmpty();
    Eventually.await(() -> lsp.editor.changed.size() == 1);
    assertThat(lsp.editor.changed).containsExactlyElementsOf(changed);
  }

  @Test
  void afterShutdownRequestsAreRefused() throws Exception {
    get(lsp.server.shutdown());

    ResponseError refused = error(lsp.server.readFile(new PathParams("any.txt")));
    assertThat(refused.getCode()).isEqualTo(-32600);
    assertThat(code(refused)).isEqualTo("shut_down");
  }

  static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(60, TimeUnit.SECONDS);
  }

  static ResponseError error(CompletableFuture<?> future) {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(() -> future.get(60, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class);
    assertThat(thrown.getCause()).isInstanceOf(ResponseErrorException.class);
    return ((ResponseErrorException) thrown.getCause()).getResponseError();
  }

  static String code(ResponseError error) {
    Object data = error.getData();
    assertThat(data).as("error data of " + error.getMessage()).isNotNull();
    JsonObject json = com.google.gson.JsonParser.parseString(data.toString()).getAsJsonObject();
    return json.get("code").getAsString();
  }
}
