package dev.oncell.runtime.internal.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.runtime.Cell;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.internal.DefaultHost;
import dev.oncell.runtime.internal.egress.EgressTest;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deleting cells whatever their trees hold, through the real host and real sandboxes (gVisor, the
 * default, and bubblewrap): a tree a command makes 5,000 folders deep plus one made 20,000 deep on
 * the host, FIFOs, sockets, modes 000, odd names, links out to other cells and host files (whose
 * targets survive). A deletion that fails leaves the cell DELETING and refusing every call (409
 * {@code cell_deleting}) until a DELETE succeeds, and a start-up with such cells, a cell whose
 * record cannot be read, and a deep tree still in DELETING serves every other cell. Failures are
 * planted with a tmpfs mounted in the cell's folder (root needed), the one thing the removal
 * refuses to go through.
 */
@org.junit.jupiter.api.Tag("abuse")
class CellDeletionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));

  private final Path home = oncell.home();
  private Host host;
  private final List<Path> mounts = new ArrayList<>();

  private Host open(String backend) {
    host = oncell.open(c -> c.withSandbox(backend));
    return host;
  }

  @AfterEach
  void close() throws Exception {
    oncell.stop(); // the host goes before the planted mounts
    for (Path point : mounts) {
      run("umount", point.toString());
    }
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).inheritIO().start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s ends", List.of(command)).isTrue();
    return p.exitValue();
  }

  /** Mounts a small tmpfs at {@code point}: a folder no deletion goes through. */
  private void plantMount(Path point) throws Exception {
    Files.createDirectories(point);
    assumeThat(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", point.toString()))
        .as("mounting needs root")
        .isZero();
    mounts.add(point);
  }

  private void unmount(Path point) throws Exception {
    assertThat(run("umount", point.toString())).isZero();
    mounts.remove(point);
  }

  private Path cellFolder(String id) {
    return home.resolve("cells").resolve(id);
  }

  private Cell plainCell(String id) {
    host.cells().create(id, JSON.createObjectNode());
    return host.cells().cell(id);
  }

  private static ShellResult sh(Cell cell, String command) {
    return cell.shell(command, ShellOptions.defaults());
  }

  private static void refused(String code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            CellException.class,
            e -> {
              assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"gvisor", "bubblewrap"})
  void aHostileTreeIsDeletedItsIdReusedAndLinkTargetsStay(String backend) throws Exception {
    open(backend);
    Cell other = plainCell("other");
    other.files().write("theirs.txt", "theirs".getBytes(StandardCharsets.UTF_8));
    Path kept = Files.writeString(Files.createDirectory(home.resolve("outside")).resolve("k"), "k");
    Cell victim = plainCell("victim");
    String script =
        String.join(
            "\n",
            "set -e",
            "mkdir -p \"$(printf 'd/%.0s' $(seq 5000))\"",
            "mkfifo fifo",
            "python3 -c \"import socket; socket.socket(socket.AF_UNIX).bind('sock')\" || true",
            "mkdir -p closed/inner && touch closed/secret && chmod 000 closed/secret closed/inner"
                + " closed",
            "ln -s /etc/passwd host-file && ln -s / host-root && ln -s "
                + cellFolder("other").resolve("work")
                + " other-cell && ln -s "
                + kept
                + " kept && ln -s /proc/self/root proc-root",
            "mkdir \"$(printf 'bad\\377name')\" && touch \"$(printf 'line\\nbreak')\"",
            "find d | wc -l");
    ShellResult made = sh(victim, script);
    assertThat(made.exitCode()).as("stderr: %s", made.stderr()).isZero();
    assertThat(made.stdout().trim()).as("5,000 nested folders").isEqualTo("5000");
    Path work = cellFolder("victim").resolve("work");
    TreeRemovalTest.deepChain(Files.createDirectory(work.resolve("host-deep")), 20_000);
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(work.resolve("hsock")));
    }

    host.cells().delete("victim");

    assertThat(cellFolder("victim")).doesNotExist();
    assertThat(host.cells().find("victim")).isEmpty();
    assertThat(kept).as("a link's target on the host").hasContent("k");
    assertThat(Path.of("/etc/passwd")).isRegularFile();
    assertThat(new String(other.files().read("theirs.txt"), StandardCharsets.UTF_8))
        .as("the other cell's files")
        .isEqualTo("theirs");
    Cell again = plainCell("victim");
    assertThat(sh(again, "ls -A | wc -l").stdout().trim()).as("a fresh, empty cell").isEqualTo("0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gvisor", "bubblewrap"})
  void aCellCannotSetTheImmutableOrAppendOnlyAttribute(String backend) {
    open(backend);
    Cell cell = plainCell("acme");
    ShellResult result =
        sh(cell, "touch f && { chattr +i f || chattr +a f || exit 3; } ; echo set; exit 0");
    assertThat(result.stdout())
        .as("chattr needs CAP_LINUX_IMMUTABLE, which no sandbox grants: %s", result.stderr())
        .doesNotContain("set");
    host.cells().delete("acme");
    assertThat(cellFolder("acme")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gvisor", "bubblewrap"})
  void aFailedDeletionLeavesTheCellDeletingRefusingEveryCallUntilADeleteSucceeds(String backend)
      throws Exception {
    open(backend);
    Cell victim = plainCell("victim");
    victim.files().write("a.txt", "a".getBytes(StandardCharsets.UTF_8));
    victim.memory().set("k", TextNode.valueOf("v"));
    Cell other = plainCell("other");
    Path point = cellFolder("victim").resolve("data/planted");
    plantMount(point);

    assertThatThrownBy(() -> host.cells().delete("victim"))
        .isInstanceOfSatisfying(
            CellException.class,
            e -> {
              assertThat(e.code()).isEqualTo("delete_failed");
              assertThat(e.getMessage())
                  .contains("mounted at victim/data/planted")
                  .doesNotContain(home.toString());
            });

    CellInfo info = host.cells().find("victim").orElseThrow();
    assertThat(info.state()).isEqualTo(CellState.DELETING);
    assertThat(info.error().orElseThrow().code()).isEqualTo("delete_failed");
    refused("cell_deleting", () -> sh(victim, "touch ran"));
    refused("cell_deleting", () -> victim.files().read("a.txt"));
    refused("cell_deleting", () -> victim.files().write("b.txt", new byte[1]));
    refused("cell_deleting", () -> victim.memory().get("k"));
    refused("cell_deleting", () -> host.cells().pause("victim"));
    refused("cell_deleting", () -> host.cells().resume("victim"));
    assertThat(cellFolder("victim").resolve("work/ran")).doesNotExist();
    assertThatThrownBy(() -> plainCell("victim"))
        .as("the id is still taken")
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("customer_exists"));
    assertThat(sh(other, "echo fine").stdout()).isEqualTo("fine\n");

    unmount(point);
    host.cells().delete("victim");

    assertThat(cellFolder("victim")).doesNotExist();
    assertThat(sh(plainCell("victim"), "ls -A | wc -l").stdout().trim()).isEqualTo("0");
  }

  @Test
  void aCellBeingDeletedStartsNoRun() throws Exception {
    open("bubblewrap");
    host.deployments().deploy(EgressTest.LIFECYCLE, "production");
    CellInfo created =
        host.cells()
            .create(
                new Cells.NewCell(
                    "acme", JSON.createObjectNode(), Optional.of("lifecycle"), "production"));
    host.runs().await(created.setupRunId().orElseThrow());
    plantMount(cellFolder("acme").resolve("index/planted"));
    assertThatThrownBy(() -> host.cells().delete("acme")).isInstanceOf(CellException.class);

    refused(
        "cell_deleting",
        () ->
            host.runs()
                .start(
                    "acme",
                    "await",
                    JSON.createObjectNode().put("path", home.resolve("gate").toString()),
                    Optional.empty()));
    assertThat(cellFolder("acme").resolve("work/before-wait.txt")).doesNotExist();
  }

  @Test
  void noCellStopsTheHostFromStarting() throws Exception {
    open("bubblewrap");
    Cell good = plainCell("good");
    good.files().write("kept.txt", "kept".getBytes(StandardCharsets.UTF_8));
    // "deep": DELETING on record with a 5,000-deep tree, deletable by the next start.
    Cell deep = plainCell("deep");
    assertThat(sh(deep, "mkdir -p \"$(printf 'd/%.0s' $(seq 5000))\"").exitCode()).isZero();
    Path deepPoint = cellFolder("deep").resolve("logs/planted");
    plantMount(deepPoint);
    assertThatThrownBy(() -> host.cells().delete("deep")).isInstanceOf(CellException.class);
    // "stuck": DELETING on record, and still undeletable at the next start.
    plainCell("stuck").files().write("s.txt", new byte[1]);
    Path stuckPoint = cellFolder("stuck").resolve("work/planted");
    plantMount(stuckPoint);
    assertThatThrownBy(() -> host.cells().delete("stuck")).isInstanceOf(CellException.class);
    // "broken": a record that cannot be read.
    plainCell("broken");
    try (Connection c = ((DefaultHost) host).controlPlane().connection();
        PreparedStatement s =
            c.prepareStatement("UPDATE customers SET config = '{not json' WHERE id = 'broken'")) {
      assertThat(s.executeUpdate()).isOne();
    }
    oncell.stop();
    host = null;
    unmount(deepPoint);

    open("bubblewrap"); // before the fix: "cannot remove ...", and no host at all

    assertThat(cellFolder("deep")).as("the deep tree went at start-up").doesNotExist();
    assertThat(host.cells().find("deep")).isEmpty();
    Cell stuck = host.cells().cell("stuck");
    assertThat(stuck.info().state()).isEqualTo(CellState.DELETING);
    refused("cell_deleting", () -> sh(stuck, "true"));
    Cell broken = host.cells().cell("broken");
    assertThat(broken.info().error().orElseThrow().code()).isEqualTo("cell_quarantined");
    refused("cell_quarantined", () -> sh(broken, "true"));
    refused("cell_quarantined", () -> broken.files().read("x"));
    assertThat(host.cells().inspect("stuck").diskUsage()).as("not walked").isEmpty();
    Cell goodAgain = host.cells().cell("good");
    assertThat(sh(goodAgain, "cat kept.txt").stdout())
        .as("the others are served")
        .isEqualTo("kept");
    assertThat(sh(plainCell("deep"), "ls -A | wc -l").stdout().trim()).isEqualTo("0");

    // An operator fixes what stopped them and deletes them: their ids are free again.
    unmount(stuckPoint);
    host.cells().delete("stuck");
    host.cells().delete("broken");
    assertThat(cellFolder("stuck")).doesNotExist();
    assertThat(cellFolder("broken")).doesNotExist();
    plainCell("stuck");
    plainCell("broken");
    assertThat(host.cells().list())
        .extracting(CellInfo::id)
        .containsExactly("broken", "deep", "good", "stuck");
  }
}
