package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.ShellOptions;
import dev.oncell.runtime.fixtures.TestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HostTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final TestHost oncell = TestHost.create();
  private final Path home = oncell.home();
  private Host host;

  @BeforeEach
  void open() {
    host = oncell.open();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void createLaysOutTheCellOnDisk() throws Exception {
    CellInfo info = host.cells().create("acme", json("{\"plan\":\"pro\"}"));
    assertThat(info.state()).isEqualTo(CellState.ACTIVE);
    assertThat(info.config().get("plan").asText()).isEqualTo("pro");
    for (String folder : new String[] {"work", "data", "index", "logs"}) {
      assertThat(home.resolve("cells/acme").resolve(folder)).isDirectory();
    }
  }

  @Test
  void aNewHomeIsPrivateToTheOperator() throws Exception {
    Path fresh = home.resolve("fresh-home");
    try (Host other = Host.open(HostConfig.defaults(fresh))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
          .isEqualTo("rwx------");
      assertThat(other.cells().list()).isEmpty();
    }
  }

  @Test
  void refusesInvalidAndDuplicateIds() throws Exception {
    for (String bad : new String[] {"", "Acme", "-acme", "a_b", "a".repeat(64), "../x", "a/b"}) {
      assertThatThrownBy(() -> host.cells().create(bad, JsonNodeFactory.instance.objectNode()))
          .as("id '%s'", bad)
          .isInstanceOfSatisfying(
              CellException.class, e -> assertThat(e.code()).isEqualTo("invalid_customer_id"));
    }
    host.cells().create("acme", JsonNodeFactory.instance.objectNode());
    assertThatThrownBy(() -> host.cells().create("acme", JsonNodeFactory.instance.objectNode()))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
    assertThat(host.cells().list()).extracting(CellInfo::id).containsExactly("acme");
    assertThat(host.cells().create("a".repeat(63), JsonNodeFactory.instance.objectNode()).id())
        .hasSize(63);
  }

  @Test
  void pauseClosesHandlesAndAnyCallWakesTheCell() throws Exception {
    Cell cell = cellWithMemory();
    CellInfo paused = host.cells().pause("acme");
    assertThat(paused.state()).isEqualTo(CellState.PAUSED);
    // A paused cell's database is closed: H2 removes its lock file only then.
    assertThat(home.resolve("cells/acme/data/cell.lock.db")).doesNotExist();
    assertThat(cell.memory().get("k")).contains(json("{\"v\":1}"));
    assertThat(host.cells().find("acme").orElseThrow().state()).isEqualTo(CellState.ACTIVE);
  }

  @Test
  void memorySurvivesARestart() throws Exception {
    cellWithMemory();
    host = oncell.restart();
    assertThat(host.cells().cell("acme").memory().get("k")).contains(json("{\"v\":1}"));
    assertThat(host.cells().cell("acme").memory().keys()).containsExactly("k");
  }

  private Cell cellWithMemory() throws Exception {
    host.cells().create("acme", JsonNodeFactory.instance.objectNode());
    Cell cell = host.cells().cell("acme");
    cell.memory().set("k", json("{\"v\":1}"));
    return cell;
  }

  @Test
  void deleteRemovesEveryByte() throws Exception {
    cellWithMemory().files().write("src/a.txt", "x".getBytes(StandardCharsets.UTF_8));
    host.cells().delete("acme");
    assertThat(home.resolve("cells/acme")).doesNotExist();
    assertThat(host.cells().find("acme")).isEmpty();
    assertThatThrownBy(() -> host.cells().cell("acme"))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    // The id is free again, and the new cell starts empty.
    host.cells().create("acme", JsonNodeFactory.instance.objectNode());
    assertThat(host.cells().cell("acme").memory().keys()).isEmpty();
  }

  @Test
  void shellRunsInTheCellsWorkFolder() {
    host.cells().create("acme", JsonNodeFactory.instance.objectNode());
    Cell cell = host.cells().cell("acme");
    cell.files().write("hello.txt", "hi there".getBytes(StandardCharsets.UTF_8));
    var result = cell.shell("cat hello.txt; pwd", ShellOptions.defaults());
    assertThat(result.stdout()).isEqualTo("hi there/work\n");
    assertThat(result.failed()).isFalse();
    assertThat(cell.shell("exit 4", ShellOptions.defaults()).failed()).isTrue();
  }

  @Test
  void shellRefusesBadRequestsBeforeRunningAnything() {
    host.cells().create("acme", JsonNodeFactory.instance.objectNode());
    Cell cell = host.cells().cell("acme");
    assertThatThrownBy(() -> cell.shell(" ", ShellOptions.defaults()))
        .isInstanceOf(CellException.class);
    assertThatThrownBy(
            () -> cell.shell("touch x", ShellOptions.defaults().withTimeout(Duration.ofHours(2))))
        .isInstanceOf(CellException.class);
    assertThatThrownBy(() -> cell.shell("touch x", ShellOptions.defaults().withCwd("../..")))
        .isInstanceOf(CellException.class);
    assertThat(home.resolve("cells/acme/work/x")).doesNotExist();
  }

  @Test
  void generatesTheOperatorKeyOnceWithMode600() throws Exception {
    Optional<String> key = host.apiKeys().bootstrapOperatorKey(Optional.empty());
    assertThat(key).isPresent();
    Path file = home.resolve("operator.key");
    assertThat(Files.readString(file).strip()).isEqualTo(key.get());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(host.apiKeys().authenticate(key.get()).orElseThrow().isOperator()).isTrue();
    assertThat(host.apiKeys().bootstrapOperatorKey(Optional.empty())).isEmpty();
    assertThat(host.apiKeys().authenticate("oc_op_wrong")).isEmpty();
    // Stored hashed: the token itself appears nowhere in the control plane's files.
    try (var files = Files.walk(home.resolve("control"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
            .doesNotContain(key.get());
      }
    }
  }

  @Test
  void customerTokensReachOnlyTheirCell() {
    host.cells().create("acme", JsonNodeFactory.instance.objectNode());
    String token = host.apiKeys().issueCustomerToken("acme", "editor");
    Principal principal = host.apiKeys().authenticate(token).orElseThrow();
    assertThat(principal.mayAccess("acme")).isTrue();
    assertThat(principal.mayAccess("globex")).isFalse();
  }
}
