package dev.oncell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What customer code tries in order to get out of its cell, and must fail at: another cell's files,
 * the host's processes and {@code /proc}, the control plane's database, the server's loopback port,
 * raw sockets, mounting, ptrace, kernel modules, kernel settings and devices. An isolated backend's
 * test subclasses this with one factory method; every attempt must fail.
 *
 * <p>Each command prints a marker only if the attempt succeeded, or echoes the secret it was after,
 * so an assertion on the output fails the moment an attempt works.
 */
public abstract class EscapeAttempts {

  private static final String SECRET = "secret-of-cell-b-" + System.nanoTime();
  private static final String DB_SECRET = "control-plane-row-" + System.nanoTime();

  @TempDir protected Path tmp;
  private Path otherWork;
  private Path controlPlane;
  private Sandbox sandbox;
  private SandboxBackend backend;

  protected abstract SandboxBackend backend(Path runtimeDir);

  @BeforeEach
  void openCells() throws IOException {
    Path home = tmp.resolve("home");
    Path work = Files.createDirectories(home.resolve("cells/a/work"));
    otherWork = Files.createDirectories(home.resolve("cells/b/work"));
    Files.writeString(otherWork.resolve("secret.txt"), SECRET);
    controlPlane = home.resolve("control.mv.db");
    Files.writeString(controlPlane, DB_SECRET);
    backend = backend(home.resolve("runtime"));
    backend.verify();
    sandbox = backend.open(SandboxSpec.of("a", work));
  }

  @AfterEach
  void closeCells() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /**
   * A command that prints that an attempt worked. The quotes keep the marker itself out of the
   * command line, which the sandbox may show in its own {@code /proc}.
   */
  private static String escaped(String what) {
    return "echo ESC''APED:" + what;
  }

  private String run(String command) {
    // A hang detector, not a timing check: a loaded 2-core machine runs a gVisor find over the
    // whole tree in tens of seconds.
    ExecResult result = sandbox.exec(ExecRequest.of(command, Duration.ofMinutes(3)));
    assertThat(result.timedOut()).as("escape attempt hung: %s", command).isFalse();
    return result.stdout() + result.stderr();
  }

  @Test
  void cannotReadOrWriteAnotherCell() {
    Path secret = otherWork.resolve("secret.txt");
    String output =
        run(
            "cat "
                + secret
                + "; cat /work/../../b/work/secret.txt; cat /proc/1/root"
                + secret
                + "; ln -s "
                + secret
                + " /work/link && cat /work/link; find / \\( -path /proc -o -path /sys -o -path /usr \\) -prune"
                + " -o -name secret.txt -print 2>/dev/null; ls -R /work/.. /tmp; echo x > "
                + otherWork.resolve("planted.txt")
                + "; true");
    assertThat(output).doesNotContain(SECRET);
    assertThat(otherWork.resolve("planted.txt")).doesNotExist();
  }

  @Test
  void cannotSeeTheHostsProcesses() {
    long hostPid = ProcessHandle.current().pid();
    String output =
        run(
            "cat /proc/"
                + hostPid
                + "/cmdline && "
                + escaped("SAW-HOST-PROCESS")
                + "; for f in /proc/[0-9]*/cmdline; do"
                + " tr '\\0' ' ' < $f; echo; done; kill -9 "
                + hostPid
                + " && "
                + escaped("KILLED-HOST-PROCESS")
                + "; true");
    assertThat(output).doesNotContain("ESCAPED").doesNotContain("java");
    assertThat(ProcessHandle.current().isAlive()).isTrue();
  }

  @Test
  void cannotFindOrReadTheControlPlaneDatabase() {
    String output =
        run(
            "cat "
                + controlPlane
                + " 2>/dev/null; find / -name '*.mv.db' -not -path '/proc/*' 2>/dev/null;"
                + " ls -a "
                + controlPlane.getParent()
                + " 2>/dev/null; true");
    assertThat(output).doesNotContain(DB_SECRET);
    assertThat(output.lines()).noneMatch(line -> line.endsWith("control.mv.db"));
  }

  @Test
  void cannotReachTheServersPortOnLoopback() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(200);
      CompletableFuture<Boolean> accepted =
          CompletableFuture.supplyAsync(
              () -> {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (System.nanoTime() < end) {
                  try (Socket s = server.accept()) {
                    return true;
                  } catch (SocketTimeoutException e) {
                    // keep listening until the attempt is over
                  } catch (IOException e) {
                    return false;
                  }
                }
                return false;
              });
      int port = server.getLocalPort();
      String output =
          run(
              "(echo hi > /dev/tcp/127.0.0.1/"
                  + port
                  + ") 2>/dev/null && "
                  + escaped("CONNECTED")
                  + ";"
                  + " curl -s -m 3 http://127.0.0.1:"
                  + port
                  + "/ && "
                  + escaped("CONNECTED")
                  + "; curl -s -m 3 http://localhost:"
                  + port
                  + "/ && "
                  + escaped("CONNECTED")
                  + "; true");
      assertThat(output).doesNotContain("ESCAPED");
      server.close();
      assertThat(accepted.get(20, TimeUnit.SECONDS))
          .as("the host's listener saw a connection")
          .isFalse();
    }
  }

  @Test
  void cannotOpenRawOrPacketSockets() {
    String output =
        run(
            "python3 -c \"import socket\n"
                + "for fam, kind, proto in [(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP),"
                + " (socket.AF_PACKET, socket.SOCK_RAW, 0)]:\n"
                + "    try:\n"
                + "        socket.socket(fam, kind, proto); print('RAW-SOCKET-OPENED')\n"
                + "    except OSError as e:\n"
                + "        print('refused', e.errno)\"");
    assertThat(output).doesNotContain("RAW-SOCKET-OPENED").contains("refused");
  }

  @Test
  void cannotMountAnything() {
    String output =
        run(
            "mkdir -p /tmp/m; mount -t tmpfs none /tmp/m && "
                + escaped("MOUNTED")
                + ";"
                + " mount --bind /work /usr && "
                + escaped("MOUNTED")
                + ";"
                + " mount -o remount,rw /usr && "
                + escaped("MOUNTED")
                + ";"
                + " unshare -rm sh -c 'mount -t tmpfs none /usr && "
                + escaped("MOUNTED")
                + "';"
                + " unshare -r true && "
                + escaped("NEW-USER-NAMESPACE")
                + "; true");
    assertThat(output).doesNotContain("ESCAPED");
    assertThat(Path.of("/usr/bin")).isDirectory();
  }

  @Test
  void cannotPtraceOrReadTheMemoryOfHostProcesses() {
    long hostPid = ProcessHandle.current().pid();
    String output =
        run(
            "python3 -c \"import ctypes, os\n"
                + "libc = ctypes.CDLL(None, use_errno=True)\n"
                + "r = libc.ptrace(16, "
                + hostPid
                + ", None, None)\n"
                + "print('PTRACE-ATTACHED' if r == 0 else 'refused %d' % ctypes.get_errno())\";"
                + " head -c 16 /proc/"
                + hostPid
                + "/mem && "
                + escaped("READ-HOST-MEMORY")
                + "; true");
    assertThat(output).doesNotContain("PTRACE-ATTACHED", "ESCAPED").contains("refused");
  }

  @Test
  void holdsNoCapabilityToLoadModulesOrAdministerTheHost() {
    String output =
        run(
            "grep -E '^Cap(Eff|Prm|Bnd|Amb):' /proc/self/status;"
                + " python3 -c \"import ctypes, os\n"
                + "libc = ctypes.CDLL(None, use_errno=True)\n"
                + "fd = os.open('/dev/null', os.O_RDONLY)\n"
                + "r = libc.syscall(313, fd, b'', 0)\n"
                + "print('MODULE-LOADED' if r == 0 else 'refused %d' % ctypes.get_errno())\"");
    assertThat(output).doesNotContain("MODULE-LOADED").contains("refused");
    for (String line : output.lines().filter(l -> l.startsWith("Cap")).toList()) {
      long caps = Long.parseUnsignedLong(line.substring(line.indexOf(':') + 1).strip(), 16);
      // CAP_NET_RAW 13, CAP_SYS_MODULE 16, CAP_SYS_PTRACE 19, CAP_SYS_ADMIN 21.
      for (int cap : new int[] {13, 16, 19, 21}) {
        assertThat(caps & (1L << cap)).as("%s holds capability %d", line, cap).isZero();
      }
    }
  }

  @Test
  void cannotChangeKernelSettingsOrReachDevices() {
    String output =
        run(
            "echo 1 > /proc/sys/kernel/sysrq && "
                + escaped("WROTE-SYSCTL")
                + ";"
                + " echo 1 > /proc/sysrq-trigger && "
                + escaped("WROTE-SYSRQ")
                + ";"
                + " ls /dev; cat /dev/vda > /dev/null && "
                + escaped("READ-DISK")
                + ";"
                + " head -c 1 /dev/mem && "
                + escaped("READ-MEM")
                + "; true");
    assertThat(output).doesNotContain("ESCAPED");
    assertThat(output.lines()).doesNotContain("vda", "sda", "mem", "kmem", "loop0");
  }
}
