package dev.oncell.server.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bounds what a client holds without sending a whole request, which Helidon SE does not: its
 * sockets have no read timeout, and its idle check never interrupts a connection that is between
 * the request line and the end of the body.
 *
 * <p>Every accepted socket is registered here (through {@link GuardedSocketOptions}) and moves
 * through phases: {@code HEADERS} from its accept or from the first byte after a response, until
 * its headers are complete, at most {@code headerTimeout} in total; {@code REQUEST} while a handler
 * runs, unbounded here (commands and runs have their own timeouts); {@code BODY} while a handler
 * reads the request body, at most {@code bodyTimeout} in total; {@code IDLE} between requests, at
 * most {@code idleTimeout}. A sweeper thread closes the socket of a connection past its phase's
 * deadline; its handler then fails quietly. At {@code maxConnections} open sockets (Helidon accepts
 * no more) the oldest connection that is waiting for headers or idle is closed, so that a new
 * client, {@code /health} included, still gets in.
 */
final class ConnectionGuard implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ConnectionGuard.class.getName());

  enum Phase {
    HEADERS,
    REQUEST,
    BODY,
    IDLE,
    /** An upgraded WebSocket: bounded by its own session, never evicted for a new client. */
    SOCKET
  }

  /** One accepted socket. */
  static final class Connection {
    final SocketChannel channel;
    final SocketAddress remote;
    private volatile Phase phase = Phase.HEADERS;
    private volatile long since;
    private volatile boolean timedOut;
    private volatile Runnable onGone = () -> {};

    Connection(SocketChannel channel, SocketAddress remote, long now) {
      this.channel = channel;
      this.remote = remote;
      this.since = now;
    }

    Phase phase() {
      return phase;
    }

    /** Whether the guard closed it for taking too long. */
    boolean timedOut() {
      return timedOut;
    }

    private void enter(Phase next, long now) {
      if (phase == Phase.SOCKET) {
        return; // an upgraded socket speaks HTTP no more
      }
      phase = next;
      since = now;
    }
  }

  private final ServerLimits limits;
  private final Map<SocketAddress, Connection> open = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;

  ConnectionGuard(ServerLimits limits) {
    this.limits = limits;
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("oncell-connection-guard").daemon(true).factory());
    long period =
        Math.clamp(
            Math.min(
                    limits.headerTimeout().toMillis(),
                    Math.min(limits.bodyTimeout().toMillis(), limits.idleTimeout().toMillis()))
                / 4,
            20,
            1000);
    sweeper.scheduleWithFixedDelay(this::sweepQuietly, period, period, TimeUnit.MILLISECONDS);
  }

  /** A socket Helidon just accepted. */
  void accepted(SocketChannel channel) {
    SocketAddress remote;
    try {
      remote = channel.getRemoteAddress();
    } catch (IOException e) {
      return; // already gone
    }
    if (remote == null) {
      return;
    }
    Connection connection = new Connection(channel, remote, System.nanoTime());
    open.put(remote, connection);
    if (limits.maxConnections() > 0 && open.size() >= limits.maxConnections()) {
      forgetClosed();
      if (open.size() >= limits.maxConnections()) {
        evictOldestWaiting(connection);
      }
    }
  }

  Optional<Connection> find(SocketAddress remote) {
    return Optional.ofNullable(remote == null ? null : open.get(remote));
  }

  /** Bytes arrived: after a response, a new request has begun. */
  void received(SocketAddress remote) {
    Connection c = remote == null ? null : open.get(remote);
    if (c != null && c.phase == Phase.IDLE) {
      c.enter(Phase.HEADERS, System.nanoTime());
    }
  }

  /** The request's headers are complete; its handler runs next. */
  void headersDone(SocketAddress remote) {
    move(remote, Phase.REQUEST);
  }

  void bodyStarted(SocketAddress remote) {
    move(remote, Phase.BODY);
  }

  void bodyDone(SocketAddress remote) {
    move(remote, Phase.REQUEST);
  }

  /** The response is sent; the connection waits for its next request. */
  void requestDone(SocketAddress remote) {
    move(remote, Phase.IDLE);
  }

  /**
   * The connection became a WebSocket: no HTTP deadline applies any more, and {@code onGone} runs
   * once the sweeper finds its socket closed (however it closed: Helidon does not tell a listener
   * of every end).
   */
  void webSocketOpened(SocketAddress remote, Runnable onGone) {
    Connection c = remote == null ? null : open.get(remote);
    if (c == null) {
      return;
    }
    c.onGone = onGone;
    c.enter(Phase.SOCKET, System.nanoTime());
  }

  private void move(SocketAddress remote, Phase next) {
    Connection c = remote == null ? null : open.get(remote);
    if (c != null) {
      c.enter(next, System.nanoTime());
    }
  }

  private void sweepQuietly() {
    try {
      sweep(System.nanoTime());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "connection sweep failed", e);
    }
  }

  void sweep(long now) {
    for (Connection c : open.values()) {
      if (!c.channel.isOpen()) {
        if (open.remove(c.remote, c)) {
          c.onGone.run();
        }
        continue;
      }
      Optional<Duration> limit =
          switch (c.phase) {
            case HEADERS -> Optional.of(limits.headerTimeout());
            case BODY -> Optional.of(limits.bodyTimeout());
            case IDLE -> Optional.of(limits.idleTimeout());
            case REQUEST, SOCKET -> Optional.empty();
          };
      if (limit.isPresent() && now - c.since > limit.get().toNanos()) {
        close(c, "no complete " + describe(c.phase) + " within " + limit.get().toMillis() + " ms");
      }
    }
  }

  private static String describe(Phase phase) {
    return switch (phase) {
      case HEADERS -> "request headers";
      case BODY -> "request body";
      case IDLE -> "request on an idle connection";
      case REQUEST, SOCKET -> "response";
    };
  }

  private void evictOldestWaiting(Connection newest) {
    open.values().stream()
        .filter(c -> c != newest && (c.phase == Phase.HEADERS || c.phase == Phase.IDLE))
        .min(Comparator.comparingLong(c -> c.since))
        .ifPresent(c -> close(c, "the server is at its limit of " + limits.maxConnections()));
  }

  private void close(Connection c, String why) {
    c.timedOut = true;
    if (open.remove(c.remote, c)) {
      c.onGone.run();
    }
    try {
      c.channel.close();
    } catch (IOException e) {
      // closing is all we wanted
    }
    LOG.log(Level.FINE, () -> "closed the connection from " + c.remote + ": " + why);
  }

  private void forgetClosed() {
    for (Connection c : open.values()) {
      if (!c.channel.isOpen() && open.remove(c.remote, c)) {
        c.onGone.run();
      }
    }
  }

  /** Open connections, for tests and diagnostics. */
  int openConnections() {
    forgetClosed();
    return open.size();
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
