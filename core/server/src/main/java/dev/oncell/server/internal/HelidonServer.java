package dev.oncell.server.internal;

import dev.oncell.runtime.Host;
import dev.oncell.server.OncellServer;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.Headers;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@link OncellServer} on Helidon SE's virtual-thread web server. */
public final class HelidonServer implements OncellServer {

  /**
   * Helidon logs a WARNING with a stack trace for each connection that ends inside its headers,
   * which is what the guard does to slow clients: quieted, or each would cost a log entry.
   */
  private static final Logger HTTP1_CONNECTIONS =
      Logger.getLogger("io.helidon.webserver.http1.Http1Connection");

  static {
    if (HTTP1_CONNECTIONS.getLevel() == null) {
      HTTP1_CONNECTIONS.setLevel(Level.SEVERE);
    }
  }

  private final WebServer server;
  private final String bindAddress;
  private final ConnectionGuard guard;
  private final Optional<LspSockets> lspSockets;

  public HelidonServer(
      Host host, String bindAddress, int port, ServerLimits limits, Optional<LspEndpoint> lsp) {
    this.bindAddress = bindAddress;
    Responses.hidePaths(host.config().home());
    this.guard = new ConnectionGuard(limits);
    RequestBodies bodies = new RequestBodies(limits.maxBodyBytes(), guard);
    HttpRouting.Builder routing = HttpRouting.builder();
    routing.addFilter(
        (chain, req, res) -> {
          SocketAddress remote = req.remotePeer().address();
          try {
            chain.proceed();
          } finally {
            guard.requestDone(remote);
          }
        });
    AuthFilter auth = new AuthFilter(host.apiKeys());
    Routes.register(routing, host, bodies, auth);
    io.helidon.webserver.WebServerConfig.Builder web =
        WebServer.builder()
            .host(bindAddress)
            .port(port)
            .shutdownHook(false)
            // TCP_NODELAY: a response written as headers then body must not wait for the client's
            // delayed ACK (Nagle's algorithm; it cost 40 ms per file read of the language server).
            .connectionOptions(
                new GuardedSocketOptions(SocketOptions.builder().tcpNoDelay(true).build(), guard))
            .maxTcpConnections(limits.maxConnections() > 0 ? limits.maxConnections() : -1)
            .addProtocol(Http1Config.builder().addReceiveListener(new PhaseListener(guard)).build())
            .routing(routing);
    this.lspSockets = lsp.map(endpoint -> new LspSockets(endpoint.maxSocketsPerCustomer()));
    lsp.ifPresent(
        endpoint -> {
          LspSockets sockets = lspSockets.orElseThrow();
          // A frame is at most one message; a message in fragments is bounded by the listener.
          web.addProtocol(
              WsConfig.builder()
                  .maxFrameLength(endpoint.maxMessageBytes())
                  .origins(endpoint.allowedOrigins())
                  .build());
          web.addRouting(
              WsRouting.builder()
                  .endpoint(
                      "/v1/customers/{id}/lsp",
                      () ->
                          new LspSocketListener(
                              host,
                              auth,
                              sockets,
                              endpoint.sessions(),
                              () -> URI.create(url()),
                              guard,
                              endpoint.maxMessageBytes())));
        });
    this.server = web.build();
  }

  /** Tells the guard when bytes arrive and when a request's headers are complete. */
  private record PhaseListener(ConnectionGuard guard) implements Http1ConnectionListener {
    @Override
    public void data(ConnectionContext ctx, BufferData data) {
      guard.received(ctx.remotePeer().address());
    }

    @Override
    public void data(ConnectionContext ctx, byte[] bytes, int offset, int length) {
      guard.received(ctx.remotePeer().address());
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
      guard.headersDone(ctx.remotePeer().address());
    }
  }

  @Override
  public OncellServer start() {
    server.start();
    return this;
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public String url() {
    String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    if (bindAddress.equals("0.0.0.0")) {
      host = "127.0.0.1";
    }
    return "http://" + host + ":" + port();
  }

  @Override
  public void close() {
    lspSockets.ifPresent(LspSockets::closeAll);
    server.stop();
    guard.close();
  }
}
