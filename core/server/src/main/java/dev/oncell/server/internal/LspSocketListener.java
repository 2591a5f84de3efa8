package dev.oncell.server.internal;

import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.Host;
import dev.oncell.server.LspSessions;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One language-server socket ({@code GET /v1/customers/:id/lsp} upgraded to a WebSocket): one
 * instance per connection. The upgrade is checked as any API call ({@link AuthFilter#authorize},
 * the same check the filter makes before it), then the cell must exist and the customer have a free
 * socket ({@link LspSockets}); a refusal is an ordinary JSON error answer and no socket opens. Once
 * open, each text message is one JSON-RPC message handed whole to the session; a message over
 * {@code maxMessageBytes} (in one frame or in fragments) closes the socket with 1009, binary ones
 * with 1003. The session ends when the socket does, however it ends (a close frame, a reset, the
 * server stopping).
 */
final class LspSocketListener implements WsListener {

  /** The subprotocol a browser may offer; echoed back, never the key. */
  static final String PROTOCOL = "oncell.lsp";

  private static final Logger LOG = Logger.getLogger(LspSocketListener.class.getName());

  private final Host host;
  private final AuthFilter auth;
  private final LspSockets sockets;
  private final LspSessions sessions;
  private final Supplier<URI> apiUrl;
  private final ConnectionGuard guard;
  private final int maxMessageBytes;

  private final Object sendLock = new Object();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicBoolean sessionClosed = new AtomicBoolean();
  private final StringBuilder partial = new StringBuilder();
  private long partialBytes;
  private volatile LspSockets.Slot slot;
  private volatile Authorized caller;
  private volatile LspSessions.Session session;
  private volatile WsSession socket;

  private record Authorized(String customer, String key) {}

  LspSocketListener(
      Host host,
      AuthFilter auth,
      LspSockets sockets,
      LspSessions sessions,
      Supplier<URI> apiUrl,
      ConnectionGuard guard,
      int maxMessageBytes) {
    this.host = host;
    this.auth = auth;
    this.sockets = sockets;
    this.sessions = sessions;
    this.apiUrl = apiUrl;
    this.guard = guard;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
    String path = prologue.uriPath().path();
    auth.authorize(prologue.method(), path, headers);
    String customer = AuthFilter.lspCustomer(path).orElseThrow();
    if (host.cells().find(customer).isEmpty()) {
      throw new ApiException(ErrorKind.NOT_FOUND, "not_found", "no customer '" + customer + "'");
    }
    String key = AuthFilter.key(headers, path).orElseThrow();
    this.slot = sockets.take(customer);
    this.caller = new Authorized(customer, key);
    WritableHeaders<?> answer = WritableHeaders.create();
    if (AuthFilter.offeredProtocols(headers).contains(PROTOCOL)) {
      answer.set(HeaderNames.create("Sec-WebSocket-Protocol"), PROTOCOL);
    }
    return Optional.of(answer);
  }

  @Override
  public void onOpen(WsSession socket) {
    this.socket = socket;
    SocketAddress remote = socket.socketContext().remotePeer().address();
    guard.webSocketOpened(remote, () -> end("socket gone"));
    Authorized who = caller;
    LspSockets.Slot mine = slot;
    if (who == null || mine == null) {
      socket.close(WsCloseCodes.VIOLATED_POLICY, "not authorized");
      return;
    }
    mine.opened(
        () -> {
          closeSocket(WsCloseCodes.GOING_AWAY, "the server is stopping");
          end("server stopping");
        });
    session =
        sessions.open(
            new LspSessions.Caller(who.customer(), apiUrl.get(), who.key()),
            this::send,
            () -> {
              closeSocket(WsCloseCodes.NORMAL_CLOSE, "the session ended");
              end("session ended");
            });
    if (ended.get()) {
      closeSession(); // the socket went away while the session started
    }
  }

  @Override
  public void onMessage(WsSession socket, String text, boolean last) {
    if (ended.get()) {
      return;
    }
    partialBytes += utf8Length(text);
    if (partialBytes > maxMessageBytes) {
      partial.setLength(0);
      closeSocket(WsCloseCodes.TOO_BIG, "a message may have at most " + maxMessageBytes + " bytes");
      end("message too big");
      return;
    }
    partial.append(text);
    if (!last) {
      return;
    }
    String message = partial.toString();
    partial.setLength(0);
    partialBytes = 0;
    LspSessions.Session current = session;
    if (current != null) {
      current.fromEditor().accept(message);
    }
  }

  @Override
  public void onMessage(WsSession socket, BufferData buffer, boolean last) {
    closeSocket(WsCloseCodes.CANNOT_ACCEPT, "only text messages (JSON-RPC) are accepted");
    end("binary message");
  }

  @Override
  public void onClose(WsSession socket, int status, String reason) {
    end("closed by the editor");
  }

  @Override
  public void onError(WsSession socket, Throwable t) {
    LOG.log(Level.FINE, "language-server socket failed", t);
    end("socket error");
  }

  /** Sends one message to the editor; a socket that cannot take it ends the session. */
  private void send(String message) {
    WsSession current = socket;
    if (ended.get() || current == null) {
      return;
    }
    try {
      synchronized (sendLock) {
        current.send(message, true);
      }
    } catch (RuntimeException e) {
      end("cannot send");
    }
  }

  private void closeSocket(int code, String reason) {
    WsSession current = socket;
    if (current == null) {
      return;
    }
    try {
      synchronized (sendLock) {
        current.close(code, reason);
      }
    } catch (RuntimeException e) {
      // already gone
    }
  }

  /**
   * Ends the session once, off the calling thread (closing lets requests in flight answer for a few
   * seconds; the caller may be the connection guard's sweeper or the socket's reader).
   */
  private void end(String why) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    LspSockets.Slot mine = slot;
    if (mine != null) {
      mine.release();
    }
    LOG.fine(() -> "language-server socket of " + customerName() + " ended: " + why);
    closeSession();
  }

  /** Closes the session once, if it started, on a thread of its own. */
  private void closeSession() {
    LspSessions.Session current = session;
    if (current != null && sessionClosed.compareAndSet(false, true)) {
      Thread.ofVirtual().name("oncell-lsp-socket-end").start(current.close());
    }
  }

  private String customerName() {
    Authorized who = caller;
    return who == null ? "?" : who.customer();
  }

  /** The bytes of {@code text} in UTF-8, as the frame carried it. */
  static long utf8Length(CharSequence text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
