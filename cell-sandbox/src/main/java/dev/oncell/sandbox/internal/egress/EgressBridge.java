package dev.oncell.sandbox.internal.egress;

import dev.oncell.sandbox.internal.process.Shells;
import java.util.Map;

/**
 * The inside end of a cell's egress: {@code HTTP_PROXY} must be a TCP address, so before the
 * command runs, {@code socat} listens on {@code 127.0.0.1:3128} in the sandbox's own network
 * namespace and forwards each connection to the egress proxy's unix socket, bind-mounted at {@link
 * #SOCKET}. Shared by every backend that mounts the socket there (bubblewrap, gVisor).
 *
 * <p>The bridge is started per command, in the background, and the command only starts once it
 * listens (seen in {@code /proc/net/tcp}, so no probe connection reaches the proxy). It dies with
 * the sandbox's PID namespace when the command ends. The command itself runs in a fresh shell
 * ({@code exec}), so it does not see the bridge as one of its jobs.
 */
public final class EgressBridge {

  /** Where the sandbox sees the cell's egress proxy socket. */
  public static final String SOCKET = "/run/oncell/egress.sock";

  public static final int PORT = 3128;
  public static final String PROXY_URL = "http://127.0.0.1:" + PORT;

  /** How long the command waits for the bridge to listen: 1,000 polls of 10 ms. */
  private static final int MAX_POLLS = 1000;

  private EgressBridge() {}

  /** The proxy variables a command sees when its cell has egress; nothing is exempt. */
  public static Map<String, String> environment() {
    return Map.of(
        "HTTP_PROXY", PROXY_URL,
        "HTTPS_PROXY", PROXY_URL,
        "http_proxy", PROXY_URL,
        "https_proxy", PROXY_URL,
        "NO_PROXY", "",
        "no_proxy", "");
  }

  /**
   * A shell command line (POSIX sh) that starts the bridge, waits until it listens, then runs
   * {@code command} with the host's shell. Exit code 127 with a message when socat is missing, 125
   * when the bridge does not come up.
   */
  public static String wrap(String command) {
    // 127.0.0.1:3128 as the kernel prints it in /proc/net/tcp, in state 0A (LISTEN).
    String listening = " 0100007F:" + String.format("%04X", PORT) + " 00000000:0000 0A ";
    return String.join(
        "\n",
        "if ! command -v socat >/dev/null 2>&1; then",
        "  echo 'oncell: egress needs socat in the sandbox (apt-get install socat)' >&2; exit 127",
        "fi",
        "socat TCP-LISTEN:"
            + PORT
            + ",bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:"
            + SOCKET
            + " </dev/null >/dev/null 2>&1 &",
        "oncell_bridge=$! oncell_polls=0",
        "until grep -q '" + listening + "' /proc/net/tcp 2>/dev/null; do",
        "  oncell_polls=$((oncell_polls + 1))",
        "  if [ $oncell_polls -gt "
            + MAX_POLLS
            + " ] || ! kill -0 $oncell_bridge 2>/dev/null; then",
        "    echo 'oncell: the egress bridge (socat on 127.0.0.1:" + PORT + ") did not start' >&2",
        "    exit 125",
        "  fi",
        "  sleep 0.01",
        "done",
        "unset oncell_bridge oncell_polls",
        "exec " + Shells.hostShell() + " -c " + quote(command));
  }

  /** Single-quotes {@code text} for a POSIX shell: every byte literal. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
