package dev.oncell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Egress end to end, for every isolating backend: curl inside the sandbox, through the socat bridge
 * and the unix socket, to the cell's proxy, to an HTTP server on the host's loopback that the test
 * starts. A backend's test subclasses this with one factory method.
 */
public abstract class EgressContract {

  @TempDir protected Path tmp;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private HttpServer origin;
  private EgressProxy proxy;
  private Sandbox sandbox;
  private int port;

  protected abstract SandboxBackend backend(Path runtimeDir);

  @BeforeEach
  void start() throws IOException {
    origin = LoopbackServers.http();
    port = origin.getAddress().getPort();
    // 127.0.0.1 is listed as an IP literal: the explicit allowance of loopback. origin.test is a
    // name only the proxy's resolver knows, as a public name is only known outside the sandbox.
    EgressPolicy policy =
        EgressPolicy.allowing(List.of("127.0.0.1:" + port, "origin.test"))
            .withResolver(
                host -> {
                  if (host.equals("origin.test")) {
                    return List.of(InetAddress.ofLiteral("127.0.0.1"));
                  }
                  throw new UnknownHostException(host);
                });
    proxy = EgressProxy.start(tmp.resolve("egress.sock"), policy, log::add);
    Path work = Files.createDirectories(tmp.resolve("cells/a/work"));
    SandboxBackend backend = backend(tmp.resolve("runtime"));
    backend.verify();
    sandbox = backend.open(SandboxSpec.of("a", work).withEgressSocket(proxy.socket()));
  }

  @AfterEach
  void stop() {
    sandbox.close();
    proxy.close();
    origin.stop(0);
  }

  private ExecResult run(String command) {
    return sandbox.exec(ExecRequest.of(command, Duration.ofSeconds(30)));
  }

  @Test
  void plainHttpThroughHttpProxyReachesAnAllowedHost() {
    ExecResult byAddress = run("curl -sS --max-time 20 http://127.0.0.1:" + port + "/plain");
    assertThat(byAddress.stdout())
        .as(byAddress.stderr())
        .startsWith("hello from origin GET /plain");
    ExecResult byName = run("curl -sS --max-time 20 http://origin.test:" + port + "/named");
    assertThat(byName.stdout())
        .as("the name is resolved by the proxy, not in the sandbox: " + byName.stderr())
        .startsWith("hello from origin GET /named host=origin.test:" + port);
    assertThat(log)
        .anyMatch(
            l ->
                l.contains("decision=allowed method=GET host=origin.test port=" + port)
                    && l.contains("address=127.0.0.1"));
  }

  @Test
  void connectTunnelThroughTheProxyReachesAnAllowedHost() {
    ExecResult result =
        run("curl -sS --max-time 20 --proxytunnel http://127.0.0.1:" + port + "/tunnelled");
    assertThat(result.stdout()).as(result.stderr()).startsWith("hello from origin GET /tunnelled");
    assertThat(log).anyMatch(l -> l.contains("decision=allowed method=CONNECT host=127.0.0.1"));
  }

  @Test
  void aHostOutsideTheAllowListIsRefused() {
    ExecResult plain =
        run(
            "curl -sS --max-time 20 -o /dev/null -w '%{http_code}' http://127.0.0.1:"
                + (port == 65535 ? port - 1 : port + 1)
                + "/");
    assertThat(plain.stdout()).isEqualTo("403");
    ExecResult tunnel = run("curl -sS --max-time 20 -p http://elsewhere.test/");
    assertThat(tunnel.exitCode()).isNotZero();
    assertThat(tunnel.stderr()).contains("403");
    assertThat(log)
        .anyMatch(l -> l.contains("decision=refused method=CONNECT host=elsewhere.test port=80"));
  }

  @Test
  void aDirectConnectionFails() {
    ExecResult curl =
        run("curl -sS --max-time 10 --noproxy '*' http://127.0.0.1:" + port + "/ || echo failed");
    assertThat(curl.stdout()).doesNotContain("hello from origin").contains("failed");
    ExecResult tcp =
        run(
            "(echo x > /dev/tcp/127.0.0.1/"
                + port
                + ") 2>/dev/null && echo connected || echo refused");
    assertThat(tcp.stdout()).isEqualTo("refused\n");
    ExecResult interfaces = run("grep -c : /proc/net/dev");
    assertThat(interfaces.stdout()).as("still only the loopback interface").isEqualTo("1\n");
  }

  @Test
  void theCommandKeepsItsStdinQuotingAndExitCodeAndSeesTheProxyVariables() {
    ExecResult result =
        sandbox.exec(
            new ExecRequest(
                "cat; echo \"it's $HTTPS_PROXY\" 'no_proxy='\"[$no_proxy]\"; jobs | wc -l; exit 7",
                Duration.ofSeconds(30),
                Map.of(),
                Optional.of("from stdin\n".getBytes(StandardCharsets.UTF_8)),
                "",
                1 << 20));
    assertThat(result.stdout().lines())
        .containsExactly("from stdin", "it's http://127.0.0.1:3128 no_proxy=[]", "0");
    assertThat(result.exitCode()).isEqualTo(7);
  }
}
