package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.RunningServer.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The language server's WebSocket ({@code /v1/customers/:id/lsp}) as the server sees it, with a
 * stand-in session that echoes: the upgrade checked as any API call (header or subprotocol key, a
 * customer key only for its own cell), a refusal before any socket opens, the message and socket
 * bounds, and the session's end however the socket ends. The language server behind it is tested in
 * lsp-server ({@code WebSocketLspTest}).
 */
@org.junit.jupiter.api.Tag("abuse")
class LspSocketTest {

  private static final int MAX_MESSAGE = 64 * 1024;

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));

  private final List<LspSessions.Caller> callers = new CopyOnWriteArrayList<>();
  private final AtomicInteger sessionsClosed = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();
  private RunningServer api;
  private String acmeKey;

  /** Answers each message with {@code echo:<message>}; {@code exit} ends the session itself. */
  private final LspSessions echo =
      (caller, toEditor, endSocket) -> {
        callers.add(caller);
        return new LspSessions.Session(
            message -> {
              if (message.equals("exit")) {
                endSocket.run();
              } else {
                toEditor.accept("echo:" + message);
              }
            },
            sessionsClosed::incrementAndGet);
      };

  @BeforeEach
  void start() {
    api =
        new RunningServer(
            oncell,
            b ->
                b.lsp(echo)
                    .maxLspMessageBytes(MAX_MESSAGE)
                    .maxLspSocketsPerCustomer(2)
                    .idleTimeout(Duration.ofMillis(300)));
    for (String id : new String[] {"acme", "globex"}) {
      Reply made = api.post("/v1/customers", "{\"id\":\"" + id + "\"}");
      assertThat(made.status()).as(made.body()).isEqualTo(201);
    }
    Reply key = api.post("/v1/keys", "{\"scope\":\"customer\",\"customer\":\"acme\"}");
    assertThat(key.status()).as(key.body()).isEqualTo(201);
    acmeKey = key.json().path("key").asText();
  }

  @AfterEach
  void stop() {
    api.close();
    http.close();
  }

  @Test
  void aCustomerKeyAsSubprotocolOpensItsOwnCellAndOnlyTheFixedProtocolIsEchoed() throws Exception {
    Editor editor =
        Editor.connect(http, uri("acme"), null, "oncell.lsp", "oncell.bearer." + acmeKey);
    assertThat(editor.socket.getSubprotocol()).isEqualTo("oncell.lsp");
    editor.socket.sendText("{\"jsonrpc\":\"2.0\"}", true).get(30, TimeUnit.SECONDS);
    assertThat(editor.next()).isEqualTo("echo:{\"jsonrpc\":\"2.0\"}");
    assertThat(callers).hasSize(1);
    LspSessions.Caller caller = callers.getFirst();
    assertThat(caller.customer()).isEqualTo("acme");
    assertThat(caller.apiKey()).as("the session calls the API as the caller").isEqualTo(acmeKey);
    assertThat(caller.apiUrl()).isEqualTo(URI.create(api.server.url()));
    assertThat(caller.toString()).doesNotContain(acmeKey);

    // A message in fragments is one message.
    editor.socket.sendText("{\"a\":", false).get(30, TimeUnit.SECONDS);
    editor.socket.sendText("1}", true).get(30, TimeUnit.SECONDS);
    assertThat(editor.next()).isEqualTo("echo:{\"a\":1}");

    // Past the HTTP idle timeout (300 ms here) the socket stays: it is not an idle connection.
    Thread.sleep(900);
    editor.socket.sendText("still", true).get(30, TimeUnit.SECONDS);
    assertThat(editor.next()).isEqualTo("echo:still");
  }

  @Test
  void aSubprotocolKeyIsInNoLogRecordAtAnyLevel() throws Exception {
    List<String> logged = new CopyOnWriteArrayList<>();
    java.util.logging.SimpleFormatter format = new java.util.logging.SimpleFormatter();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            logged.add(format.format(record));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    capture.setLevel(java.util.logging.Level.ALL);
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    List<java.util.logging.Logger> loud =
        List.of(
            java.util.logging.Logger.getLogger("dev.oncell"),
            java.util.logging.Logger.getLogger("io.helidon"));
    List<java.util.logging.Level> levels = loud.stream().map(l -> l.getLevel()).toList();
    root.addHandler(capture);
    loud.forEach(l -> l.setLevel(java.util.logging.Level.ALL));
    try {
      Editor editor =
          Editor.connect(http, uri("acme"), null, "oncell.lsp", "oncell.bearer." + acmeKey);
      editor.socket.sendText("hello", true);
      assertThat(editor.next()).isEqualTo("echo:hello");
      assertRefused(
          upgrade("globex", null, "oncell.lsp, oncell.bearer." + acmeKey), 403, "forbidden");
      editor.socket.sendText("x".repeat(MAX_MESSAGE + 1), true);
      assertThat(editor.closeStatus()).isEqualTo(1009);
      await(() -> sessionsClosed.get() == 1);
    } finally {
      root.removeHandler(capture);
      for (int i = 0; i < loud.size(); i++) {
        loud.get(i).setLevel(levels.get(i));
      }
    }
    assertThat(logged).as("something was logged").isNotEmpty();
    assertThat(logged).noneMatch(line -> line.contains(acmeKey));
  }

  @Test
  void anOperatorKeyInTheHeaderWorksAndTheSessionMayEndTheSocket() throws Exception {
    Editor editor = Editor.connect(http, uri("globex"), RunningServer.KEY);
    assertThat(editor.socket.getSubprotocol()).as("none offered, none chosen").isEmpty();
    editor.socket.sendText("exit", true).get(30, TimeUnit.SECONDS);
    assertThat(editor.closeStatus()).isEqualTo(1000);
    await(() -> sessionsClosed.get() == 1);
  }

  @Test
  void noKeyAWrongKeyAnotherCustomersKeyOrNoSuchCustomerIsRefusedBeforeTheSocketOpens()
      throws Exception {
    assertRefused(upgrade("acme", null), 401, "unauthorized");
    assertRefused(upgrade("acme", "Bearer not-a-key-0123456789"), 401, "unauthorized");
    assertRefused(upgrade("globex", "Bearer " + acmeKey), 403, "forbidden");
    assertRefused(upgrade("nobody", "Bearer " + RunningServer.KEY), 404, "not_found");
    String protocolKey = upgrade("globex", null, "oncell.lsp, oncell.bearer." + acmeKey);
    assertRefused(protocolKey, 403, "forbidden");
    assertThat(protocolKey).as("the key is never echoed").doesNotContain(acmeKey);
    assertRefused(upgrade("acme", null, "oncell.bearer.wrong-key-0123456789"), 401, "unauthorized");

    try (RawClient raw = new RawClient(api.server.port())) {
      String request = upgradeRequest("acme", "Bearer " + acmeKey, null);
      raw.send(request.replace("\r\n\r\n", "\r\nOrigin: http://elsewhere.example\r\n\r\n"));
      assertThat(raw.readUntilClosedOrBody(Duration.ofSeconds(30)))
          .as("a page of another origin")
          .startsWith("HTTP/1.1 403");
    }

    Throwable refused = handshakeFailure(uri("globex"), acmeKey);
    assertThat(refused).isInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) refused).getResponse().statusCode()).isEqualTo(403);
    assertThat(callers).as("no session was started").isEmpty();
  }

  @Test
  void allowedOriginsReplaceTheSameOriginRuleAndABadOneIsRefusedByTheBuilder() throws Exception {
    api.close(); // the same home and keys, a server that lets one IDE's pages in
    api =
        new RunningServer(
            oncell, b -> b.lsp(echo).lspAllowedOrigins(java.util.Set.of("https://ide.example")));
    String request = upgradeRequest("acme", "Bearer " + acmeKey, null);
    try (RawClient raw = new RawClient(api.server.port())) {
      raw.send(request.replace("\r\n\r\n", "\r\nOrigin: https://ide.example\r\n\r\n"));
      assertThat(raw.readSome(Duration.ofSeconds(30))).startsWith("HTTP/1.1 101");
    }
    String sameHost = "Origin: http://127.0.0.1:" + api.server.port();
    assertThat(upgradeWith(request, sameHost))
        .as("once set, only the listed origins")
        .startsWith("HTTP/1.1 403");
    assertThat(upgradeWith(request, "Origin: https://evil.example")).startsWith("HTTP/1.1 403");

    for (String bad :
        new String[] {"ide.example", "https://ide.example/path", "ftp://ide.example", "https://"}) {
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> OncellServer.builder(api.host).lspAllowedOrigins(java.util.Set.of(bad))))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private String upgradeWith(String request, String header) throws IOException {
    try (RawClient raw = new RawClient(api.server.port())) {
      raw.send(request.replace("\r\n\r\n", "\r\n" + header + "\r\n\r\n"));
      return raw.readUntilClosedOrBody(Duration.ofSeconds(30));
    }
  }

  @Test
  void anOversizedMessageClosesTheSocketWith1009AndEndsTheSession() throws Exception {
    Editor whole = Editor.connect(http, uri("acme"), acmeKey);
    whole.socket.sendText("x".repeat(MAX_MESSAGE + 1), true);
    assertThat(whole.closeStatus()).isEqualTo(1009);

    Editor fragments = Editor.connect(http, uri("acme"), acmeKey);
    String part = "é".repeat(MAX_MESSAGE / 8); // 2 bytes each: a quarter of the limit per part
    for (int i = 0; i < 4; i++) {
      fragments.socket.sendText(part, false).get(30, TimeUnit.SECONDS);
    }
    fragments.socket.sendText("!", true);
    assertThat(fragments.closeStatus()).isEqualTo(1009);

    Editor binary = Editor.connect(http, uri("acme"), acmeKey);
    binary.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true);
    assertThat(binary.closeStatus()).isEqualTo(1003);

    await(() -> sessionsClosed.get() == 3);
    assertThat(whole.received).as("nothing reached the session").isEmpty();
  }

  @Test
  void aCustomerHoldsAtMostItsSocketLimitAndAClosedOneFreesItsPlace() throws Exception {
    Editor first = Editor.connect(http, uri("acme"), acmeKey);
    Editor second = Editor.connect(http, uri("acme"), acmeKey);

    assertRefused(upgrade("acme", "Bearer " + acmeKey), 503, "too_many_lsp_sockets");
    Editor other = Editor.connect(http, uri("globex"), RunningServer.KEY);
    other.socket.sendText("hi", true);
    assertThat(other.next()).as("another customer still gets in").isEqualTo("echo:hi");

    first.socket.sendClose(1000, "bye").get(30, TimeUnit.SECONDS);
    await(() -> sessionsClosed.get() == 1);
    Editor third = Editor.connect(http, uri("acme"), acmeKey);
    third.socket.sendText("in", true);
    assertThat(third.next()).isEqualTo("echo:in");
    second.socket.sendText("alive", true);
    assertThat(second.next()).isEqualTo("echo:alive");
  }

  @Test
  void aSocketThatDropsWithoutACloseFrameEndsItsSession() throws Exception {
    try (RawClient raw = new RawClient(api.server.port())) {
      String sameOrigin = "Origin: http://127.0.0.1:" + api.server.port();
      raw.send(
          upgradeRequest("acme", "Bearer " + acmeKey, null)
              .replace("\r\n\r\n", "\r\n" + sameOrigin + "\r\n\r\n"));
      assertThat(raw.readSome(Duration.ofSeconds(30))).startsWith("HTTP/1.1 101");
      await(() -> callers.size() == 1);
    }
    await(() -> sessionsClosed.get() == 1);
    Editor again = Editor.connect(http, uri("acme"), acmeKey);
    again.socket.sendText("x", true);
    assertThat(again.next()).isEqualTo("echo:x");
  }

  @Test
  void stoppingTheServerEndsEverySession() throws Exception {
    Editor editor = Editor.connect(http, uri("acme"), acmeKey);
    editor.socket.sendText("x", true);
    assertThat(editor.next()).isEqualTo("echo:x");
    api.server.close();
    await(() -> sessionsClosed.get() == 1);
  }

  private URI uri(String customer) {
    return URI.create(
        api.server.url().replaceFirst("^http", "ws") + "/v1/customers/" + customer + "/lsp");
  }

  private String upgrade(String customer, String authorization) throws IOException {
    return upgrade(customer, authorization, null);
  }

  /** The server's answer to a raw upgrade request, head and body. */
  private String upgrade(String customer, String authorization, String protocols)
      throws IOException {
    try (RawClient raw = new RawClient(api.server.port())) {
      raw.send(upgradeRequest(customer, authorization, protocols));
      return raw.readUntilClosedOrBody(Duration.ofSeconds(30));
    }
  }

  private String upgradeRequest(String customer, String authorization, String protocols) {
    return "GET /v1/customers/"
        + customer
        + "/lsp HTTP/1.1\r\nHost: 127.0.0.1:"
        + api.server.port()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + (protocols == null ? "" : "Sec-WebSocket-Protocol: " + protocols + "\r\n")
        + "\r\n";
  }

  private static void assertRefused(String answer, int status, String code) {
    assertThat(answer).as(answer).startsWith("HTTP/1.1 " + status);
    assertThat(answer).as(answer).contains("\"code\":\"" + code + "\"");
    assertThat(answer).as("no socket opened").doesNotContain("101 Switching");
  }

  private Throwable handshakeFailure(URI uri, String key) throws InterruptedException {
    try {
      http.newWebSocketBuilder()
          .header("Authorization", "Bearer " + key)
          .buildAsync(uri, new WebSocket.Listener() {})
          .get(30, TimeUnit.SECONDS)
          .abort();
      throw new AssertionError("the upgrade was accepted");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting after 60 s");
      }
      Thread.sleep(20);
    }
  }

  /** A JDK WebSocket client, collecting whole text messages and the close status. */
  static final class Editor implements WebSocket.Listener {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    static Editor connect(HttpClient http, URI uri, String key, String... protocols)
        throws Exception {
      Editor editor = new Editor();
      WebSocket.Builder builder = http.newWebSocketBuilder();
      if (key != null) {
        builder.header("Authorization", "Bearer " + key);
      }
      if (protocols.length > 0) {
        builder.subprotocols(
            protocols[0], java.util.Arrays.copyOfRange(protocols, 1, protocols.length));
      }
      editor.socket = builder.buildAsync(uri, editor).get(30, TimeUnit.SECONDS);
      return editor;
    }

    String next() throws InterruptedException {
      String message = received.poll(30, TimeUnit.SECONDS);
      assertThat(message).as("a message within 30 s").isNotNull();
      return message;
    }

    int closeStatus() throws Exception {
      return closed.get(30, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
