package dev.oncell.runtime.internal.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.runtime.Cell;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.BadAllowListAgent;
import dev.oncell.runtime.testagents.LifecycleAgent;
import dev.oncell.runtime.testagents.LoopbackAgent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cell's egress end to end through the real host: curl in the cell's shell reaches a loopback
 * server the test starts, through the egress proxy the host runs for the cell, only when the
 * agent's allow-list names it. Traffic goes to loopback listeners of the test only.
 */
public class EgressTest {

  public static final byte[] LOOPBACK =
      PluginJars.plugin("loopback-plugin", "1.0.0", LoopbackAgent.class);
  public static final byte[] LIFECYCLE =
      PluginJars.plugin("lifecycle-plugin", "1.0.0", LifecycleAgent.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));

  private final Path home = oncell.home();
  private Host host;
  private HttpServer origin;
  private int port;

  @BeforeEach
  void startOrigin() throws IOException {
    origin = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    origin.createContext(
        "/hello",
        exchange -> {
          byte[] body = "hello from origin".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    origin.start();
    port = origin.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    oncell.stop();
    origin.stop(0);
  }

  private Host open(String sandbox) {
    host = oncell.open(c -> c.withSandbox(sandbox));
    return host;
  }

  private Cell cell(String id, String agent) {
    CellInfo info =
        host.cells()
            .create(
                new Cells.NewCell(id, JSON.createObjectNode(), Optional.of(agent), "production"));
    host.runs().await(info.setupRunId().orElseThrow());
    return host.cells().cell(id);
  }

  private static ShellResult sh(Cell cell, String command) {
    return cell.shell(command, ShellOptions.defaults());
  }

  private String log(String id) throws IOException {
    return Files.readString(home.resolve("cells").resolve(id).resolve("logs/cell.log"));
  }

  @org.junit.jupiter.api.Test
  void theOperatorsAllowancesExtendAnAgentsListButNeverOpenABlockedCell() throws IOException {
    host =
        oncell.open(
            c ->
                c.withSandbox("bubblewrap")
                    .withCells(
                        dev.oncell.runtime.CellDefaults.defaults()
                            .withEgressAllow(java.util.List.of("127.0.0.1"))));
    host.deployments()
        .deploy(
            PluginJars.plugin(
                "public-forge-plugin",
                "1.0.0",
                dev.oncell.runtime.testagents.PublicForgeAgent.class),
            "production");
    host.deployments().deploy(LIFECYCLE, "production");
    String url = "http://127.0.0.1:" + port + "/hello";
    Cell forge = cell("forge", "public-forge");
    ShellResult reached = sh(forge, "curl -sS " + url);
    assertThat(reached.stdout()).as(reached.stderr()).isEqualTo("hello from origin");
    Cell blocked = cell("blocked", "lifecycle");
    ShellResult refused = sh(blocked, "curl -fsS --max-time 5 " + url);
    assertThat(refused.exitCode()).isNotZero();
    assertThatThrownBy(
            () ->
                dev.oncell.runtime.CellDefaults.defaults()
                    .withEgressAllow(java.util.List.of("*.com")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "bubblewrap"})
  void anAllowedHostIsReachedThroughTheProxyAndNothingElse(String sandbox) throws IOException {
    open(sandbox);
    host.deployments().deploy(LOOPBACK, "production");
    Cell acme = cell("acme", "loopback");
    String url = "http://127.0.0.1:" + port + "/hello";

    ShellResult plain = sh(acme, "curl -sS " + url);
    assertThat(plain.stdout()).as(plain.stderr()).isEqualTo("hello from origin");
    ShellResult tunnel = sh(acme, "curl -sS -p " + url);
    assertThat(tunnel.stdout()).as(tunnel.stderr()).isEqualTo("hello from origin");

    // Not listed: the name localhost (only the IP entry is) and another loopback address.
    for (String other :
        new String[] {"http://localhost:" + port + "/hello", "http://127.0.0.2:" + port + "/"}) {
      assertThat(sh(acme, "curl -s -o /dev/null -w '%{http_code}' " + other).stdout())
          .as(other)
          .isEqualTo("403");
    }
    ShellResult direct = sh(acme, "curl -sS --noproxy '*' --max-time 10 " + url);
    assertThat(direct.exitCode()).as("a direct connection has no route out").isNotZero();

    String log = log("acme");
    assertThat(log)
        .contains("egress decision=allowed method=GET host=127.0.0.1 port=" + port)
        .contains("egress decision=allowed method=CONNECT host=127.0.0.1 port=" + port)
        .contains("egress decision=refused method=GET host=localhost port=" + port)
        .contains("reason=not_listed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "bubblewrap"})
  void aCellWithBlockedEgressGetsAProxyThatReachesNoHost(String sandbox) throws IOException {
    open(sandbox);
    host.deployments().deploy(LIFECYCLE, "production");
    Cell closed = cell("closed", "lifecycle");
    String url = "http://127.0.0.1:" + port + "/hello";
    assertThat(sh(closed, "curl -s -o /dev/null -w '%{http_code}' " + url).stdout())
        .as("the proxy serves the cell's repository relay only")
        .isEqualTo("403");
    assertThat(sh(closed, "curl -sS --noproxy '*' --max-time 10 " + url).exitCode())
        .as("a direct connection has no route out")
        .isNotZero();
    assertThat(sh(closed, "curl -s -w '%{http_code}' http://git.oncell.internal/other").stdout())
        .as("the relay itself answers")
        .endsWith("404");
    assertThat(log("closed")).contains("egress decision=refused method=GET host=127.0.0.1");
    assertThat(sockets()).containsExactly("closed.sock");
  }

  @Test
  void theProxyLivesWhileTheCellIsActive() throws IOException {
    open("bubblewrap");
    host.deployments().deploy(LOOPBACK, "production");
    Cell acme = cell("acme", "loopback");
    assertThat(sh(acme, "true").exitCode()).isZero();
    assertThat(sockets()).containsExactly("acme.sock");
    host.cells().pause("acme");
    assertThat(sockets()).as("a paused cell has no proxy").isEmpty();
    assertThat(sh(acme, "curl -sS http://127.0.0.1:" + port + "/hello").stdout())
        .as("a wake starts it again")
        .isEqualTo("hello from origin");
    host.cells().delete("acme");
    assertThat(sockets()).isEmpty();
  }

  @Test
  void anInvalidAllowListIsRefusedAtDeployTime() {
    open("bubblewrap");
    byte[] jar = PluginJars.plugin("bad-allow-plugin", "1.0.0", BadAllowListAgent.class);
    assertThatThrownBy(() -> host.deployments().deploy(jar, "production"))
        .isInstanceOfSatisfying(
            CellException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_cell_spec");
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
              assertThat(e.getMessage()).contains("*.com");
            });
    assertThat(host.deployments().list()).isEmpty();
  }

  @Test
  void socketPathsStayShortUnderALongHome() {
    Path longHome = Path.of("/var/lib/" + "a-very-long-folder-name-".repeat(6) + "oncell");
    String id = "c".repeat(63);
    Path socket = CellEgress.socket(longHome, id);
    assertThat(socket.toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(107);
    assertThat(socket.getFileName().toString()).isEqualTo(id + ".sock");
    assertThat(CellEgress.socket(Path.of("/srv/oncell"), id))
        .isEqualTo(Path.of("/srv/oncell/runtime/egress/" + id + ".sock"));
    assertThat(CellEgress.socket(longHome, id).getParent())
        .as("a hashed folder per home: two hosts never share a socket")
        .isNotEqualTo(CellEgress.socket(longHome.resolve("x"), id).getParent());
  }

  private java.util.List<String> sockets() throws IOException {
    Path folder = CellEgress.socketFolder(home);
    if (!Files.isDirectory(folder)) {
      return java.util.List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
