package dev.oncell.git.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP/1.1 proxy on 127.0.0.1 that stands in for a cell's egress proxy: it records every
 * request ({@code host:port} and method), answers 403 with the egress proxy's wording for a refused
 * host, and otherwise forwards one request per connection (absolute-form, with {@code Connection:
 * close}) or tunnels a {@code CONNECT}.
 */
public final class RecordingProxy implements AutoCloseable {

  /** One request through the proxy. */
  public record Seen(String method, String hostPort, boolean refused) {}

  private final ServerSocket listener;
  private final Set<String> refusedHosts = ConcurrentHashMap.newKeySet();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private RecordingProxy() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().name("recording-proxy").start(this::acceptLoop);
  }

  public static RecordingProxy start() {
    try {
      return new RecordingProxy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A {@link Proxy} for this proxy. */
  public Proxy proxy() {
    return new Proxy(
        Proxy.Type.HTTP, new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()));
  }

  /** Refuses every request to {@code host} from now on. */
  public RecordingProxy refuse(String host) {
    refusedHosts.add(host);
    return this;
  }

  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Thread.ofVirtual().name("recording-proxy-conn").start(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String[] first = lines[0].split(" ");
      String method = first[0];
      String host;
      int port;
      String pathAndQuery = "";
      if (method.equals("CONNECT")) {
        int colon = first[1].lastIndexOf(':');
        host = first[1].substring(0, colon);
        port = Integer.parseInt(first[1].substring(colon + 1));
      } else {
        URI target = URI.create(first[1]);
        host = target.getHost();
        port = target.getPort() < 0 ? 80 : target.getPort();
        pathAndQuery =
            target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
      }
      boolean refused = refusedHosts.contains(host);
      seen.add(new Seen(method, host + ":" + port, refused));
      if (refused) {
        byte[] body =
            ("oncell egress proxy: " + host + ":" + port + " is not in the cell's allow-list\n")
                .getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: "
                    + body.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return;
      }
      try (Socket origin = new Socket(host, port)) {
        if (method.equals("CONNECT")) {
          out.write(
              "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          pipe(in, origin.getOutputStream(), origin);
          in = origin.getInputStream();
          in.transferTo(out);
          return;
        }
        StringBuilder request = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n");
        for (int i = 1; i < lines.length; i++) {
          String lower = lines[i].toLowerCase();
          if (!lower.startsWith("connection:")
              && !lower.startsWith("proxy-connection:")
              && !lower.startsWith("keep-alive:")) {
            request.append(lines[i]).append("\r\n");
          }
        }
        request.append("Connection: close\r\n\r\n");
        origin.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        origin.getOutputStream().flush();
        pipe(in, origin.getOutputStream(), origin);
        InputStream fromOrigin = origin.getInputStream();
        String responseHead = readHead(fromOrigin);
        if (responseHead == null) {
          return;
        }
        StringBuilder response = new StringBuilder();
        for (String line : responseHead.split("\r\n")) {
          String lower = line.toLowerCase();
          if (!lower.startsWith("connection:") && !lower.startsWith("keep-alive:")) {
            response.append(line).append("\r\n");
          }
        }
        response.append("Connection: close\r\n\r\n");
        out.write(response.toString().getBytes(StandardCharsets.ISO_8859_1));
        fromOrigin.transferTo(out);
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // The client or the origin went away.
    }
  }

  private static void pipe(InputStream from, OutputStream to, Socket origin) {
    Thread.ofVirtual()
        .name("recording-proxy-pipe")
        .start(
            () -> {
              try {
                from.transferTo(to);
                to.flush();
              } catch (IOException e) {
                // Closed.
              }
            });
  }

  /** The bytes up to and without the blank line, or null at end of stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    while (b.size() < 65536) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      b.write(c);
      state =
          (c == '\r' && (state == 0 || state == 2))
              ? state + 1
              : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
      if (state == 4) {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.substring(0, s.length() - 4);
      }
    }
    throw new IOException("request head too long");
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // Closed anyway.
    }
    acceptor.interrupt();
  }
}
