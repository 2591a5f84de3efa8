package dev.oncell.server;

import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What serves the language server behind {@code /v1/customers/:id/lsp}, one session per WebSocket.
 * The server checks the caller's key (as for any API call), bounds the sockets and their messages,
 * and moves whole JSON-RPC messages (one text message each); the session is the language server.
 * The server module knows nothing of LSP: {@code oncell serve} plugs in {@code lsp-server}, which
 * is a client of this same API and reaches it on loopback with the caller's own key, so a WebSocket
 * session can do exactly what the key could do over HTTP.
 */
@FunctionalInterface
public interface LspSessions {

  /**
   * Starts the session of a socket that was just opened. Called on the socket's own thread; it must
   * not block for long.
   *
   * @param caller who opened it, and how to reach this server's API as them
   * @param toEditor sends one JSON-RPC message to the editor (thread-safe; after the socket closed,
   *     a no-op)
   * @param endSocket closes the socket (the session ended itself, as after {@code exit})
   * @return the session: each message from the editor, and its end when the socket closes
   */
  Session open(Caller caller, Consumer<String> toEditor, Runnable endSocket);

  /**
   * The caller of one socket.
   *
   * @param customer the cell the socket is for; the key reaches it
   * @param apiUrl this server's own API, on loopback where it listens there
   * @param apiKey the caller's key, for the session's calls to the API; never logged
   */
  record Caller(String customer, URI apiUrl, String apiKey) {
    public Caller {
      Objects.requireNonNull(customer, "customer");
      Objects.requireNonNull(apiUrl, "apiUrl");
      Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public String toString() {
      return "Caller[customer=" + customer + ", apiUrl=" + apiUrl + "]";
    }
  }

  /**
   * One session.
   *
   * @param fromEditor takes each whole message the editor sent, in order, on the socket's thread
   * @param close ends the session (its requests and the runs it follows); called once, when the
   *     socket closed for any reason
   */
  record Session(Consumer<String> fromEditor, Runnable close) {
    public Session {
      Objects.requireNonNull(fromEditor, "fromEditor");
      Objects.requireNonNull(close, "close");
    }
  }
}
