package dev.oncell.server.internal;

import dev.oncell.runtime.Host;
import dev.oncell.server.OncellServer;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/** {@link OncellServer} on Helidon SE's virtual-thread web server. */
public final class HelidonServer implements OncellServer {

  private final WebServer server;
  private final String bindAddress;

  public HelidonServer(Host host, String bindAddress, int port, long maxBodyBytes) {
    this.bindAddress = bindAddress;
    RequestBodies bodies = new RequestBodies(maxBodyBytes);
    HttpRouting.Builder routing = HttpRouting.builder();
    Routes.register(routing, host, bodies);
    this.server =
        WebServer.builder()
            .host(bindAddress)
            .port(port)
            .shutdownHook(false)
            .routing(routing)
            .build();
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
    server.stop();
  }
}
