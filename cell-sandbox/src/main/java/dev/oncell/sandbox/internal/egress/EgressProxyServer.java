package dev.oncell.sandbox.internal.egress;

import dev.oncell.sandbox.EgressPolicy;
import dev.oncell.sandbox.EgressProxy;
import dev.oncell.sandbox.InternalService;
import dev.oncell.sandbox.SandboxException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The {@link EgressProxy} behind its factory: one accepting virtual thread, one named virtual
 * thread per connection (two while tunnelling). Every socket it opens is registered so that {@link
 * #close} can cut them all, which unblocks every thread.
 */
public final class EgressProxyServer implements EgressProxy {

  static final int MAX_CONNECTIONS = 256;
  private static final int MAX_UNIX_PATH_BYTES = 107;

  private final Path socket;
  private final ServerSocketChannel server;
  private final ProxySettings settings;
  private final OpenConnections open = new OpenConnections();
  private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong ids = new AtomicLong();
  private final Thread acceptor;

  /** What each connection needs to know; the connector is the seam tests record attempts at. */
  record ProxySettings(
      EgressPolicy policy,
      Consumer<String> log,
      Duration connectTimeout,
      Connector connector,
      Map<String, InternalService> services) {}

  private EgressProxyServer(Path socket, ServerSocketChannel server, ProxySettings settings) {
    this.socket = socket;
    this.server = server;
    this.settings = settings;
    this.acceptor =
        Thread.ofVirtual().name("egress-accept-" + socket.getFileName()).unstarted(this::accept);
  }

  public static EgressProxyServer start(
      Path socket,
      EgressPolicy policy,
      Consumer<String> log,
      Duration connectTimeout,
      Map<String, InternalService> services) {
    return start(socket, policy, log, connectTimeout, Connector.TCP, services);
  }

  public static EgressProxyServer start(
      Path socket,
      EgressPolicy policy,
      Consumer<String> log,
      Duration connectTimeout,
      Connector connector) {
    return start(socket, policy, log, connectTimeout, connector, Map.of());
  }

  public static EgressProxyServer start(
      Path socket,
      EgressPolicy policy,
      Consumer<String> log,
      Duration connectTimeout,
      Connector connector,
      Map<String, InternalService> services) {
    Map<String, InternalService> byName = new TreeMap<>();
    services.forEach(
        (name, service) -> {
          if (!InternalService.isInternalName(name)) {
            throw new IllegalArgumentException(
                "an internal service's name must be a lower-case DNS name under "
                    + InternalService.DOMAIN
                    + ", not '"
                    + name
                    + "'");
          }
          byName.put(name, Objects.requireNonNull(service, "service"));
        });
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(log, "log");
    Consumer<String> safeLog =
        line -> {
          try {
            log.accept(line);
          } catch (RuntimeException e) {
            // A broken log must not break the cell's traffic.
          }
        };
    Objects.requireNonNull(connector, "connector");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
    }
    Path path = socket.toAbsolutePath().normalize();
    if (path.toString().getBytes(StandardCharsets.UTF_8).length > MAX_UNIX_PATH_BYTES) {
      throw new SandboxException(
          "egress socket path is longer than the "
              + MAX_UNIX_PATH_BYTES
              + " bytes a unix socket allows: "
              + path,
          false);
    }
    removeStaleSocket(path);
    ServerSocketChannel server;
    try {
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        server.bind(UnixDomainSocketAddress.of(path));
      } catch (IOException e) {
        server.close();
        throw e;
      }
    } catch (IOException e) {
      throw new SandboxException(
          "cannot listen on egress socket " + path + ": " + e.getMessage(), false, e);
    }
    EgressProxyServer proxy =
        new EgressProxyServer(
            path,
            server,
            new ProxySettings(
                policy, safeLog, connectTimeout, connector, Collections.unmodifiableMap(byName)));
    proxy.acceptor.start();
    return proxy;
  }

  private static void removeStaleSocket(Path path) {
    try {
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        BasicFileAttributes attributes =
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isOther()) {
          throw new SandboxException(
              "cannot listen on egress socket " + path + ": a file or folder is in the way", false);
        }
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new SandboxException("cannot remove stale egress socket " + path, false, e);
    }
  }

  private void accept() {
    while (!closed.get()) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!closed.get()) {
          settings.log().accept("egress proxy stopped accepting: " + e.getMessage());
        }
        return;
      }
      if (!slots.tryAcquire()) {
        ProxyConnection.refuseBusy(client);
        continue;
      }
      if (!open.register(client)) {
        slots.release();
        return;
      }
      long id = ids.incrementAndGet();
      Thread.ofVirtual()
          .name("egress-" + socket.getFileName() + "-" + id)
          .start(
              () -> {
                try {
                  new ProxyConnection(client, settings, open).handle();
                } finally {
                  open.release(client);
                  slots.release();
                }
              });
    }
  }

  @Override
  public Path socket() {
    return socket;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      // Closing is best effort: the socket file is removed below either way.
    }
    open.closeAll();
    try {
      acceptor.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      settings.log().accept("egress proxy could not delete " + socket + ": " + e.getMessage());
    }
  }
}
