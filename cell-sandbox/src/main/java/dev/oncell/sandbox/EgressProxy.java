package dev.oncell.sandbox;

import dev.oncell.sandbox.internal.egress.EgressProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The egress proxy the host runs for one cell: an HTTP/1.1 proxy listening on a unix socket that
 * the sandbox mounts at {@code /run/oncell/egress.sock} and reaches as {@code HTTP_PROXY} and
 * {@code HTTPS_PROXY}. It speaks {@code CONNECT host:port} (a tunnel, for HTTPS and anything else
 * over TCP) and absolute-form requests ({@code GET http://host/path}, forwarded with {@code
 * Connection: close}). Every connection is decided by the cell's {@link EgressPolicy} and made to
 * the address it decided, never to a second resolution of the name.
 *
 * <p>Answers: 403 for a refused host or address, 400 for a malformed request, 411 for a chunked
 * request body, 431 for a request head over 16 KiB, 502 when the name does not resolve or the
 * origin cannot be reached, 504 when the connection times out, 503 when too many connections are
 * open. The body of each says why in one line.
 *
 * <p>Every allowed and refused connection is one line to the log callback (the cell's log), with
 * the method, host, port, address and decision. Closing stops the listener, cuts every open
 * connection and tunnel, and deletes the socket file.
 */
public interface EgressProxy extends AutoCloseable {

  /** Connection attempts to an origin give up after this. */
  Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Starts a proxy listening on {@code socket}. A stale socket file left there by a crash is
   * replaced. The socket's folder must be reachable by the host only (and the sandbox through its
   * bind mount): whoever can connect to it gets the cell's egress.
   *
   * @param log receives one line per connection; it must not block for long
   * @throws SandboxException (terminal) when the socket cannot be created, for example a path over
   *     the 107-byte limit of unix sockets or a regular file in its place
   */
  static EgressProxy start(Path socket, EgressPolicy policy, Consumer<String> log) {
    return start(socket, policy, log, Map.of());
  }

  /**
   * Starts a proxy that also answers plain-HTTP requests to the given {@link InternalService}s
   * itself, by name (each a name {@link InternalService#isInternalName} accepts). Requests to any
   * other name under {@link InternalService#DOMAIN} are refused (403).
   *
   * @throws IllegalArgumentException for a service name outside that domain
   */
  static EgressProxy start(
      Path socket,
      EgressPolicy policy,
      Consumer<String> log,
      Map<String, InternalService> services) {
    return EgressProxyServer.start(socket, policy, log, DEFAULT_CONNECT_TIMEOUT, services);
  }

  /** The unix socket the proxy listens on. */
  Path socket();

  /** Stops the listener, cuts every connection and deletes the socket file. Idempotent. */
  @Override
  void close();
}
