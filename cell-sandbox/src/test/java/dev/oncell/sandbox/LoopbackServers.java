package dev.oncell.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** Listeners on 127.0.0.1 that tests start themselves, the only places egress tests reach. */
public final class LoopbackServers {

  private LoopbackServers() {}

  /**
   * An HTTP server answering every request with {@code hello from origin <method> <path> host=<Host
   * header>}.
   */
  public static HttpServer http() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] requestBody = exchange.getRequestBody().readAllBytes();
          String text =
              "hello from origin "
                  + exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " host="
                  + exchange.getRequestHeaders().getFirst("Host")
                  + " body="
                  + new String(requestBody, StandardCharsets.UTF_8)
                  + "\n";
          byte[] body = text.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("test-http-", 0).factory()));
    server.start();
    return server;
  }

  /** A TCP server that echoes every byte back, one virtual thread per connection. */
  public static ServerSocket echo() throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .name("test-echo-accept")
        .start(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  Thread.ofVirtual()
                      .name("test-echo")
                      .start(
                          () -> {
                            try (socket;
                                InputStream in = socket.getInputStream()) {
                              in.transferTo(socket.getOutputStream());
                            } catch (IOException e) {
                              // The test closed its end.
                            }
                          });
                } catch (IOException e) {
                  return;
                }
              }
            });
    return server;
  }
}
