package dev.oncell.lsp;

import dev.oncell.client.OncellClient;
import dev.oncell.lsp.LspSession.RemoteServer;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.LspSessions;
import dev.oncell.server.OncellServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real oncell server on a loopback port serving the language server on {@code
 * /v1/customers/:id/lsp} (wired as {@code oncell serve} wires it), and editors that reach it with
 * the JDK's WebSocket client, speaking LSP4J through {@link MessageLauncher} as a browser editor's
 * JSON-RPC library would.
 */
final class WebSocketLsp implements AutoCloseable {

  static final String KEY = LspSession.KEY;

  final Host host;
  final OncellServer api;
  final OncellClient client;

  /** Every session the server started, to look inside in tests. */
  final List<OncellLsp.MessageSession> sessions = new CopyOnWriteArrayList<>();

  private final HttpClient http = HttpClient.newHttpClient();

  WebSocketLsp(TestHost oncell) {
    this.host = oncell.isOpen() ? oncell.host() : oncell.open();
    host.apiKeys().bootstrapOperatorKey(Optional.of(KEY));
    LspSessions lsp =
        (caller, toEditor, endSocket) -> {
          OncellLsp.MessageSession session =
              OncellLsp.overMessages(
                  caller.apiUrl(), caller.apiKey(), caller.customer(), toEditor, endSocket);
          session.server().watchInterval(java.time.Duration.ZERO);
          sessions.add(session);
          return new LspSessions.Session(session.receive(), session.close());
        };
    this.api = OncellServer.builder(host).port(0).lsp(lsp).build().start();
    this.client = OncellClient.create(URI.create(api.url()), KEY);
  }

  /**
   * An editor connected to {@code customer}'s cell with {@code key} in the Authorization header.
   */
  Editor connect(String customer, String key) throws Exception {
    Editor editor = new Editor();
    editor.socket =
        http.newWebSocketBuilder()
            .header("Authorization", "Bearer " + key)
            .buildAsync(
                URI.create(
                    api.url().replaceFirst("^http", "ws") + "/v1/customers/" + customer + "/lsp"),
                editor)
            .get(30, TimeUnit.SECONDS);
    return editor;
  }

  /** The editor's side: a {@link TestEditor} behind a JDK WebSocket. */
  static final class Editor implements WebSocket.Listener {
    final TestEditor editor = new TestEditor();
    final RemoteServer server;
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final MessageLauncher.Connection<RemoteServer> connection;
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    private Editor() {
      this.connection = MessageLauncher.connect(editor, RemoteServer.class, this::send);
      this.server = connection.remote();
    }

    /** One message per text message; the JDK allows one send at a time. */
    private synchronized void send(String message) {
      socket.sendText(message, true).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        connection.receive().accept(message);
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

  @Override
  public void close() {
    http.shutdownNow();
    client.close();
    api.close();
  }
}
