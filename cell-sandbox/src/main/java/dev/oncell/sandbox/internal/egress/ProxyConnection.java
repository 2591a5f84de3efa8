package dev.oncell.sandbox.internal.egress;

import dev.oncell.sandbox.EgressDecision;
import dev.oncell.sandbox.EgressDecision.Allowed;
import dev.oncell.sandbox.EgressDecision.Refused;
import dev.oncell.sandbox.http.HttpFormatException;
import dev.oncell.sandbox.http.HttpHead;
import dev.oncell.sandbox.http.RequestLine;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One client connection of the egress proxy: reads one request head, asks the policy, and either
 * answers with an error or connects to the decided address and tunnels ({@code CONNECT}) or
 * forwards (absolute-form requests, through {@link HttpForwarder}). One request per connection.
 */
final class ProxyConnection {

  static final int REQUEST_HEAD_LIMIT = 16 * 1024;

  private final SocketChannel client;
  private final EgressProxyServer.ProxySettings settings;
  private final OpenConnections open;
  private final InputStream in;
  private final OutputStream out;

  ProxyConnection(
      SocketChannel client, EgressProxyServer.ProxySettings settings, OpenConnections open) {
    this.client = client;
    this.settings = settings;
    this.open = open;
    this.in = new BufferedInputStream(Channels.newInputStream(client));
    this.out = Channels.newOutputStream(client);
  }

  void handle() {
    try {
      Optional<HttpHead> head = readRequest();
      if (head.isEmpty()) {
        return;
      }
      RequestLine line;
      try {
        line = head.get().requestLine();
      } catch (HttpFormatException e) {
        throw Malformed.of(e);
      }
      if (line.method().equals("CONNECT")) {
        Authority target = Authority.parse(line.target(), OptionalInt.empty());
        if (InternalExchange.underInternalDomain(target.host())) {
          log("egress decision=refused method=CONNECT host=" + target.host() + " reason=internal");
          respond(403, "refused " + target.host() + ": internal services speak plain http://");
          return;
        }
        tunnel(target);
      } else {
        Optional<URI> internal = internalTarget(line.target());
        if (internal.isPresent()) {
          new InternalExchange(this, line.method(), internal.get(), head.get())
              .serve(settings.services());
        } else {
          new HttpForwarder(this, line.method(), line.target(), head.get()).forward();
        }
      }
    } catch (Malformed e) {
      log("egress decision=malformed status=" + e.status() + " detail=\"" + e.getMessage() + "\"");
      respondQuietly(e.status(), e.getMessage());
    } catch (IOException e) {
      // The client or the origin went away mid-request: there is nobody left to answer.
    }
  }

  /** The URL of a request to a name under the internal domain, else empty (forwarded as usual). */
  private static Optional<URI> internalTarget(String target) {
    try {
      URI uri = new URI(target);
      return uri.getHost() != null
              && "http".equalsIgnoreCase(uri.getScheme())
              && InternalExchange.underInternalDomain(uri.getHost())
          ? Optional.of(uri)
          : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty(); // the forwarder answers a malformed target
    }
  }

  private Optional<HttpHead> readRequest() throws IOException, Malformed {
    try {
      return HttpHead.read(in, REQUEST_HEAD_LIMIT);
    } catch (HttpFormatException e) {
      throw Malformed.of(e);
    }
  }

  private void tunnel(Authority target) throws IOException {
    Optional<Connected> connected = connect("CONNECT", target);
    if (connected.isEmpty()) {
      return;
    }
    Socket origin = connected.get().socket();
    try {
      out.write(HttpHead.response(200, "Connection Established").encode());
      out.flush();
      Tunnel.run(in, out, client, origin, Thread.currentThread().getName());
    } finally {
      open.release(origin);
    }
  }

  record Connected(Allowed decision, Socket socket) {}

  /**
   * Decides and connects; on refusal or failure answers the client, logs, and returns empty. The
   * socket is registered with the proxy and must be released by the caller.
   */
  Optional<Connected> connect(String method, Authority target) throws IOException {
    EgressDecision decision = settings.policy().decide(target.host(), target.port());
    String what = "method=" + method + " host=" + decision.host() + " port=" + decision.port();
    if (decision instanceof Refused refused) {
      log(
          "egress decision=refused "
              + what
              + " reason="
              + refused.reason().name().toLowerCase(Locale.ROOT)
              + " detail=\""
              + refused.detail()
              + "\"");
      respond(status(refused.reason()), "refused " + refused.detail());
      return Optional.empty();
    }
    Allowed allowed = (Allowed) decision;
    String address = what + " address=" + allowed.address().getHostAddress();
    Socket socket;
    try {
      socket = settings.connector().connect(allowed.target(), settings.connectTimeout());
    } catch (SocketTimeoutException e) {
      log("egress decision=allowed " + address + " result=timeout");
      respond(504, "connecting to " + target.host() + ":" + target.port() + " timed out");
      return Optional.empty();
    } catch (IOException e) {
      log(
          "egress decision=allowed "
              + address
              + " result=failed detail=\""
              + e.getMessage()
              + "\"");
      respond(
          502, "cannot connect to " + target.host() + ":" + target.port() + ": " + e.getMessage());
      return Optional.empty();
    }
    if (!open.register(socket)) {
      return Optional.empty();
    }
    log("egress decision=allowed " + address + " result=connected");
    return Optional.of(new Connected(allowed, socket));
  }

  private static int status(EgressDecision.Reason reason) {
    return switch (reason) {
      case INVALID -> 400;
      case NOT_LISTED, FORBIDDEN_ADDRESS -> 403;
      case UNRESOLVABLE -> 502;
    };
  }

  /** Closes and forgets a socket that {@link #connect} opened. */
  void release(Socket socket) {
    open.release(socket);
  }

  InputStream in() {
    return in;
  }

  OutputStream out() {
    return out;
  }

  void log(String line) {
    try {
      settings.log().accept(line);
    } catch (RuntimeException e) {
      // A broken log must not break the cell's traffic.
    }
  }

  /** A complete error answer; the connection is closed after it. */
  void respond(int status, String message) throws IOException {
    out.write(errorResponse(status, message));
    out.flush();
  }

  private void respondQuietly(int status, String message) {
    try {
      respond(status, message);
    } catch (IOException e) {
      // The client is gone.
    }
  }

  static void refuseBusy(SocketChannel client) {
    try (client) {
      Channels.newOutputStream(client)
          .write(errorResponse(503, "too many connections through this cell's egress proxy"));
    } catch (IOException e) {
      // The client is gone.
    }
  }

  static byte[] errorResponse(int status, String message) {
    byte[] body =
        ("oncell egress proxy: " + message.replaceAll("[\\r\\n]", " ") + "\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] head =
        HttpHead.response(status)
            .with("Content-Type", "text/plain; charset=utf-8")
            .with("Content-Length", String.valueOf(body.length))
            .with("Connection", "close")
            .encode();
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }
}
