package dev.oncell.runtime.internal.egress;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.oncell.sandbox.EgressPolicy;
import dev.oncell.sandbox.EgressProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK's HTTP client sends through a cell's real egress proxy by way of the loopback bridge. */
class LoopbackBridgeTest {

  @TempDir Path tmp;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private HttpServer origin;
  private EgressProxy proxy;

  @BeforeEach
  void start() throws Exception {
    origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    origin.createContext(
        "/",
        exchange -> {
          byte[] body = ("hello " + exchange.getRequestURI().getPath()).getBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    origin.start();
    proxy =
        EgressProxy.start(
            tmp.resolve("egress.sock"), EgressPolicy.allowing(List.of("127.0.0.1")), log::add);
  }

  @AfterEach
  void stop() {
    proxy.close();
    origin.stop(0);
  }

  private HttpResponse<String> get(LoopbackBridge bridge, String host) throws Exception {
    HttpClient client = HttpClient.newBuilder().proxy(bridge.proxySelector()).build();
    return client.send(
        HttpRequest.newBuilder(
                URI.create("http://" + host + ":" + origin.getAddress().getPort() + "/a"))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void requestsGoThroughTheCellsProxyAndItsLog() throws Exception {
    try (LoopbackBridge bridge = LoopbackBridge.open(proxy.socket())) {
      assertThat(bridge.address().getAddress().isLoopbackAddress()).isTrue();
      HttpResponse<String> first = get(bridge, "127.0.0.1");
      HttpResponse<String> second = get(bridge, "127.0.0.1");
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).isEqualTo("hello /a");
      assertThat(second.body()).isEqualTo("hello /a");
    }
    assertThat(log).anyMatch(l -> l.contains("decision=allowed") && l.contains("127.0.0.1"));
  }

  @Test
  void theCellsAllowListDecides() throws Exception {
    try (LoopbackBridge bridge = LoopbackBridge.open(proxy.socket())) {
      HttpResponse<String> refused = get(bridge, "localhost");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).startsWith("oncell egress proxy:");
    }
    assertThat(log).anyMatch(l -> l.contains("decision=refused") && l.contains("localhost"));
  }

  @Test
  void aClosedBridgeAcceptsNothing() throws Exception {
    LoopbackBridge bridge = LoopbackBridge.open(proxy.socket());
    bridge.close();
    bridge.close();
    try (java.net.Socket s = new java.net.Socket()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.connect(bridge.address(), 2000))
          .isInstanceOf(java.io.IOException.class);
    }
  }
}
