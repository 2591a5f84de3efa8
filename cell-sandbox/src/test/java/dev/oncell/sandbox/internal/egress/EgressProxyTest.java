package dev.oncell.sandbox.internal.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.oncell.sandbox.EgressPolicy;
import dev.oncell.sandbox.EgressProxy;
import dev.oncell.sandbox.LoopbackServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy over its real unix socket, to origins on loopback that the test starts. */
class EgressProxyTest {

  @TempDir Path tmp;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<InetSocketAddress> attempts = new CopyOnWriteArrayList<>();
  private HttpServer http;
  private ServerSocket echo;
  private EgressProxyServer proxy;

  @BeforeEach
  void start() throws IOException {
    http = LoopbackServers.http();
    echo = LoopbackServers.echo();
    // origin.test is listed and resolves to loopback, which 127.0.0.1 explicitly allows;
    // intranet.test is listed but resolves to a private address that nothing allows.
    EgressPolicy policy =
        EgressPolicy.allowing(List.of("127.0.0.1", "origin.test", "intranet.test"))
            .withResolver(
                host ->
                    switch (host) {
                      case "origin.test" -> List.of(InetAddress.getLoopbackAddress());
                      case "intranet.test" -> List.of(InetAddress.ofLiteral("10.20.30.40"));
                      default -> throw new java.net.UnknownHostException(host);
                    });
    Connector recording =
        (address, timeout) -> {
          attempts.add(address);
          return Connector.TCP.connect(address, timeout);
        };
    proxy =
        EgressProxyServer.start(
            tmp.resolve("egress.sock"), policy, log::add, Duration.ofSeconds(5), recording);
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    http.stop(0);
    echo.close();
  }

  @Test
  void plainHttpToAnAllowedOriginIsForwardedInOriginForm() throws IOException {
    String response =
        exchange(
            "POST http://origin.test:"
                + http.getAddress().getPort()
                + "/path?q=1 HTTP/1.1\r\nHost: origin.test\r\nProxy-Connection: keep-alive\r\n"
                + "Content-Length: 5\r\n\r\nhello");
    assertThat(response)
        .startsWith("HTTP/1.1 200")
        .contains("Connection: close")
        .endsWith(
            "hello from origin POST /path?q=1 host=origin.test:"
                + http.getAddress().getPort()
                + " body=hello\n");
    assertThat(log)
        .anyMatch(
            line ->
                line.contains("decision=allowed")
                    && line.contains("host=origin.test")
                    && line.contains("port=" + http.getAddress().getPort())
                    && line.contains("address=127.0.0.1"));
  }

  @Test
  void connectToAnAllowedOriginTunnelsBothWays() throws IOException {
    try (SocketChannel channel = open()) {
      OutputStream out = Channels.newOutputStream(channel);
      InputStream in = Channels.newInputStream(channel);
      out.write(
          ("CONNECT 127.0.0.1:" + echo.getLocalPort() + " HTTP/1.1\r\nHost: x\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      String head = new String(in.readNBytes(39), StandardCharsets.ISO_8859_1);
      assertThat(head).isEqualTo("HTTP/1.1 200 Connection Established\r\n\r\n");
      for (String message : List.of("ping\n", "a longer second message\n")) {
        out.write(message.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(in.readNBytes(message.length()), StandardCharsets.UTF_8))
            .isEqualTo(message);
      }
      channel.shutdownOutput();
      assertThat(in.readAllBytes()).as("the origin's end of stream is passed on").isEmpty();
    }
    assertThat(log).anyMatch(line -> line.contains("decision=allowed method=CONNECT"));
  }

  @Test
  void anUnlistedHostIsRefusedWith403AndNeverConnected() throws IOException {
    String response =
        exchange("CONNECT elsewhere.test:" + echo.getLocalPort() + " HTTP/1.1\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 403").contains("not in the allow-list");
    String get =
        exchange("GET http://127.0.0.2:" + http.getAddress().getPort() + "/ HTTP/1.1\r\n\r\n");
    assertThat(get).startsWith("HTTP/1.1 403");
    assertThat(attempts).as("no connection is attempted for a refused host").isEmpty();
    assertThat(log)
        .anyMatch(l -> l.contains("decision=refused") && l.contains("host=elsewhere.test"))
        .anyMatch(l -> l.contains("decision=refused") && l.contains("host=127.0.0.2"));
  }

  @Test
  void aListedNameResolvingToAPrivateAddressIsRefusedBeforeAnyConnection() throws IOException {
    String response = exchange("CONNECT intranet.test:443 HTTP/1.1\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 403").contains("10.20.30.40", "private");
    assertThat(attempts).as("the private address is never contacted").isEmpty();
    assertThat(log)
        .anyMatch(l -> l.contains("reason=forbidden_address") && l.contains("host=intranet.test"));
  }

  @Test
  void malformedRequestsGet400AndAnUnresolvableName502() throws IOException {
    for (String bad :
        List.of(
            "HELLO\r\n\r\n",
            "GET /relative HTTP/1.1\r\n\r\n",
            "CONNECT origin.test HTTP/1.1\r\n\r\n",
            "GET https://origin.test/ HTTP/1.1\r\n\r\n",
            "GET http://origin.test/ HTTP/1.1\r\nno colon here\r\n\r\n")) {
      assertThat(exchange(bad)).as(bad).startsWith("HTTP/1.1 400");
    }
    assertThat(exchange("CONNECT [::1:443 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
    assertThat(
            exchange("GET http://origin.test/ HTTP/1.1\r\nX: " + "a".repeat(20_000) + "\r\n\r\n"))
        .startsWith("HTTP/1.1 431");
    assertThat(
            exchange(
                "POST http://origin.test/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
        .startsWith("HTTP/1.1 411");
    assertThat(attempts).isEmpty();
    assertThat(log).anyMatch(l -> l.contains("decision=malformed"));
  }

  @Test
  void anOriginAnswerThatIsNotHttpGets502AndNothingOfIt() throws IOException {
    // The echo origin answers a forwarded request with the request itself: not a status line.
    String response =
        exchange("GET http://127.0.0.1:" + echo.getLocalPort() + "/ HTTP/1.1\r\n\r\n");
    assertThat(response)
        .startsWith("HTTP/1.1 502 Bad Gateway\r\n")
        .contains("the origin's answer is not HTTP: not an HTTP/1.x status line: GET / HTTP/1.1")
        .doesNotContain("Host: 127.0.0.1");
  }

  @Test
  void closingCutsOpenTunnelsAndDeletesTheSocket() throws IOException {
    try (SocketChannel channel = open()) {
      OutputStream out = Channels.newOutputStream(channel);
      out.write(
          ("CONNECT 127.0.0.1:" + echo.getLocalPort() + " HTTP/1.1\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = Channels.newInputStream(channel);
      assertThat(new String(in.readNBytes(12), StandardCharsets.ISO_8859_1))
          .isEqualTo("HTTP/1.1 200");
      in.readNBytes(27);
      proxy.close();
      assertThat(in.readAllBytes()).as("the tunnel is cut").isEmpty();
    }
    assertThat(proxy.socket()).doesNotExist();
  }

  @Test
  void aStaleSocketFileIsReplacedButAnythingElseInTheWayIsAnError() throws IOException {
    Path socket = tmp.resolve("stale.sock");
    // What a crash leaves: a socket file that nobody listens on any more.
    try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      crashed.bind(UnixDomainSocketAddress.of(socket));
    }
    assertThat(socket).exists();
    try (EgressProxy replacing =
        EgressProxy.start(socket, EgressPolicy.allowing(List.of()), l -> {})) {
      assertThat(exchangeWith(socket, "CONNECT a.test:1 HTTP/1.1\r\n\r\n"))
          .startsWith("HTTP/1.1 403");
    }
    Path file = Files.writeString(tmp.resolve("file.sock"), "not a socket");
    assertThatThrownBy(() -> EgressProxy.start(file, EgressPolicy.allowing(List.of()), l -> {}))
        .hasMessageContaining("in the way");
    assertThat(file).hasContent("not a socket");
    assertThatThrownBy(
            () ->
                EgressProxy.start(
                    tmp.resolve("x".repeat(120)), EgressPolicy.allowing(List.of()), l -> {}))
        .hasMessageContaining("107 bytes");
  }

  private SocketChannel open() throws IOException {
    return SocketChannel.open(UnixDomainSocketAddress.of(proxy.socket()));
  }

  /** Sends a request and reads the whole answer; the proxy closes after one. */
  private String exchange(String request) throws IOException {
    return exchangeWith(proxy.socket(), request);
  }

  private static String exchangeWith(Path socket, String request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      Channels.newOutputStream(channel).write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
