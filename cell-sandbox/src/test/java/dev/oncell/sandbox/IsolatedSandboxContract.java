package dev.oncell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The contract plus the isolation only a real sandbox gives: unprivileged, other cells invisible,
 * read-only system folders, no network, its own processes only, an {@code /etc} of its own.
 */
public abstract class IsolatedSandboxContract extends SandboxContract {

  /**
   * How many processes {@code ls /proc | grep} may see at most: the backend's init and helpers, the
   * shell, ls and grep; never the host's hundreds.
   */
  protected abstract int maxVisibleProcesses();

  @Test
  void seesWorkAtSlashWorkAndRunsUnprivileged() {
    ExecResult result = run("pwd; id -u; grep CapEff /proc/self/status; hostname");
    assertThat(result.stdout().lines())
        .containsExactly("/work", "1000", "CapEff:\t0000000000000000", "cell");
  }

  @Test
  void cannotReadListOrFindAnotherCell() throws IOException {
    Path other = Files.createDirectories(tmp.resolve("cells/b/work"));
    Files.writeString(other.resolve("secret-of-b.txt"), "b's secret");
    ExecResult result =
        run(
            "cat "
                + other.resolve("secret-of-b.txt")
                + " ; ls "
                + other
                + " ; find / -name 'secret-of-b*' 2>/dev/null; ls /");
    assertThat(result.stdout()).doesNotContain("b's secret").doesNotContain("secret-of-b");
    assertThat(result.stdout().lines()).doesNotContain("cells", "root", "home");
  }

  @Test
  void systemFoldersAreReadOnly() {
    ExecResult result = run("touch /usr/oncell-probe || touch /etc/oncell-probe || echo refused");
    assertThat(result.stdout()).contains("refused");
    assertThat(Path.of("/usr/oncell-probe")).doesNotExist();
  }

  @Test
  void hasNoNetworkNotEvenTheHostsLoopback() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ExecResult result =
          run(
              "(echo probe > /dev/tcp/127.0.0.1/"
                  + listener.getLocalPort()
                  + ") 2>/dev/null && echo connected || echo refused;"
                  + " grep -c : /proc/net/dev");
      // Only the header lines and lo: one interface, down.
      assertThat(result.stdout().lines()).containsExactly("refused", "1");
    }
  }

  @Test
  void seesOnlyItsOwnProcesses() {
    ExecResult result = run("ls /proc | grep -cE '^[0-9]+$'");
    assertThat(Integer.parseInt(result.stdout().strip()))
        .isLessThanOrEqualTo(maxVisibleProcesses());
  }

  @Test
  void etcHoldsNothingOfTheHost() {
    ExecResult result = run("cat /etc/passwd; ls /etc");
    assertThat(result.stdout()).contains("cell:x:1000").doesNotContain("shadow");
    assertThat(result.stdout().lines()).doesNotContain("root:x:0:0:root:/root:/bin/bash");
  }
}
