package dev.oncell.runtime.internal.egress;

import dev.oncell.runtime.CellException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cell's egress proxy as a TCP proxy on loopback, for the JDK's HTTP clients (JGit's connections,
 * {@code java.net.http.HttpClient}) that only take TCP proxies: each connection accepted on {@code
 * 127.0.0.1:<ephemeral port>} is spliced to the proxy's unix socket, so whatever the host sends on
 * the cell's behalf (a clone, a forge API call) is decided by the cell's own allow-list and address
 * rules and logged in the cell's log, exactly like the cell's own traffic.
 *
 * <p>A bridge lives for one operation. Only host processes can reach it (cells have their own
 * network namespace), and it grants nothing the socket does not: it is the same egress.
 */
public final class LoopbackBridge implements AutoCloseable {

  private final Path socket;
  private final ServerSocket listener;
  private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private LoopbackBridge(Path socket, ServerSocket listener) {
    this.socket = socket;
    this.listener = listener;
  }

  /**
   * Starts a bridge to the egress proxy listening on {@code socket}.
   *
   * @throws CellException (INTERNAL) when no loopback port can be opened
   */
  public static LoopbackBridge open(Path socket) {
    ServerSocket listener;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw CellException.internal("cannot open a loopback port for the cell's egress", e);
    }
    LoopbackBridge bridge = new LoopbackBridge(socket, listener);
    Thread.ofVirtual().name("egress-bridge-" + listener.getLocalPort()).start(bridge::accept);
    return bridge;
  }

  /** The TCP address to use as an HTTP proxy. */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
  }

  /** The bridge as a {@link Proxy}, for {@code URL.openConnection(proxy)} (JGit). */
  public Proxy proxy() {
    return new Proxy(Proxy.Type.HTTP, address());
  }

  /** The bridge as a {@link ProxySelector}, for {@code HttpClient.newBuilder().proxy(...)}. */
  public ProxySelector proxySelector() {
    return ProxySelector.of(address());
  }

  private void accept() {
    while (!closed.get()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      Thread.ofVirtual().start(() -> splice(client));
    }
  }

  private void splice(Socket client) {
    SocketChannel proxy = null;
    open.add(client);
    try {
      proxy = SocketChannel.open(UnixDomainSocketAddress.of(socket));
      open.add(proxy);
      if (closed.get()) {
        return;
      }
      SocketChannel toProxy = proxy;
      InputStream fromClient = client.getInputStream();
      Thread upstream =
          Thread.ofVirtual()
              .start(() -> copy(fromClient, Channels.newOutputStream(toProxy), toProxy));
      copy(Channels.newInputStream(proxy), client.getOutputStream(), client);
      upstream.join();
    } catch (IOException e) {
      // The proxy is gone (the cell closed) or the client hung up: the client sees a closed
      // connection and reports it as its own failure.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(client);
      open.remove(client);
      if (proxy != null) {
        closeQuietly(proxy);
        open.remove(proxy);
      }
    }
  }

  /** Copies until end of stream, then half-closes the writing side so the peer sees the end. */
  private static void copy(InputStream in, OutputStream out, AutoCloseable sink) {
    try {
      in.transferTo(out);
      out.flush();
      if (sink instanceof Socket s) {
        s.shutdownOutput();
      } else if (sink instanceof SocketChannel c) {
        c.shutdownOutput();
      }
    } catch (IOException e) {
      // One side went away; closing both ends (by the caller) ends the other direction.
      closeQuietly(sink);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // already closed
    }
  }

  /** Stops listening and cuts every open connection. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeQuietly(listener);
    open.forEach(LoopbackBridge::closeQuietly);
  }
}
