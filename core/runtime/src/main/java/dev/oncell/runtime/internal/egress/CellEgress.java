package dev.oncell.runtime.internal.egress;

import dev.oncell.agent.CellSpec;
import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.store.Sha256;
import dev.oncell.sandbox.EgressPolicy;
import dev.oncell.sandbox.EgressProxy;
import dev.oncell.sandbox.InternalService;
import dev.oncell.sandbox.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A cell's egress: the allow-list of its agent's {@link CellSpec.Network} as an {@link
 * EgressPolicy}, and the {@link EgressProxy} the host runs for it while its handles are open. A
 * cell with blocked egress gets a proxy too, that allows no host at all and answers only the cell's
 * internal services (its repository's relay), so an air-gapped cell can still receive its
 * repository from the host while nothing leaves it.
 *
 * <p>The proxy's socket is {@code <home>/runtime/egress/<cell id>.sock} when that fits the 107
 * bytes of a unix socket path for the longest cell id (63 characters), else {@code
 * /run/oncell/egress-<hash of home>/<cell id>.sock}, so a long {@code ONCELL_HOME} still works.
 * Either folder is readable by the host user only: whoever connects gets the cell's egress.
 */
public final class CellEgress {

  /** The name of the socket of the host's own fetch proxy of an air-gapped cell, after its id. */
  static final String FETCH_SUFFIX = ".fetch.sock";

  /** The longest path a unix socket may have (sun_path is 108 bytes with its NUL). */
  static final int MAX_SOCKET_PATH_BYTES = 107;

  private static final int LONGEST_SOCKET_NAME = 63 + FETCH_SUFFIX.length();

  private CellEgress() {}

  /**
   * The policy of {@code network}, or empty when egress is blocked. Checked at deploy time, so a
   * cell never fails to open over its allow-list.
   *
   * @throws CellException {@code invalid_cell_spec} (INVALID) naming the bad entry
   */
  public static Optional<EgressPolicy> policy(CellSpec.Network network) {
    if (network.egress() == CellSpec.Network.Egress.BLOCKED) {
      if (!network.allow().isEmpty()) {
        throw invalid(
            "network egress is blocked but an allow-list is given "
                + network.allow()
                + "; use Network.allow(...) to allow egress to those hosts");
      }
      return Optional.empty();
    }
    if (network.allow().isEmpty()) {
      throw invalid(
          "network egress is allowed with an empty allow-list, which reaches nothing;"
              + " list the hosts, or block egress");
    }
    try {
      return Optional.of(EgressPolicy.allowing(network.allow()));
    } catch (IllegalArgumentException e) {
      throw invalid("network allow-list: " + e.getMessage());
    }
  }

  /**
   * Starts the proxy of a cell; every line it logs goes to the cell's log. A cell whose egress is
   * blocked gets one that allows no host: it serves {@code services} only.
   *
   * @throws CellException INTERNAL when the socket cannot be made
   */
  public static EgressProxy start(
      Path home,
      String cellId,
      CellSpec.Network network,
      Consumer<String> cellLog,
      Map<String, InternalService> services) {
    EgressPolicy policy = policy(network).orElseGet(() -> EgressPolicy.allowing(List.of()));
    Path socket = socket(home, cellId);
    try {
      createPrivateFolder(socket.getParent());
      return EgressProxy.start(socket, policy, cellLog, services);
    } catch (SandboxException | IOException e) {
      throw CellException.internal(
          "cannot start the egress proxy of cell " + cellId + ": " + e.getMessage(), e);
    }
  }

  /**
   * The socket of cell {@code id} under {@code home}.
   *
   * @throws CellException INTERNAL when even the fallback folder gives a path that is too long
   */
  public static Path socket(Path home, String id) {
    Path socket = socketFolder(home).resolve(id + ".sock");
    int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
    if (length > MAX_SOCKET_PATH_BYTES) {
      throw new CellException(
          ErrorKind.INTERNAL,
          "egress_unavailable",
          "the egress socket path "
              + socket
              + " is "
              + length
              + " bytes, over the "
              + MAX_SOCKET_PATH_BYTES
              + " bytes a unix socket path may have");
    }
    return socket;
  }

  /**
   * The socket of the proxy the host starts, one exchange at a time, to fetch the repository of
   * air-gapped cell {@code id} (never mounted in any sandbox), in the same private folder.
   */
  public static Path fetchSocket(Path home, String id) {
    return socket(home, id).resolveSibling(id + FETCH_SUFFIX);
  }

  /** Where the sockets of the cells of {@code home} live. */
  static Path socketFolder(Path home) {
    Path preferred = home.toAbsolutePath().normalize().resolve("runtime").resolve("egress");
    int longest =
        preferred.toString().getBytes(StandardCharsets.UTF_8).length + 1 + LONGEST_SOCKET_NAME;
    if (longest <= MAX_SOCKET_PATH_BYTES) {
      return preferred;
    }
    // Too long a home: a short folder keyed by the home, so two hosts never share a socket.
    String hash = Sha256.hex(home.toString().getBytes(StandardCharsets.UTF_8));
    return Path.of("/run/oncell", "egress-" + hash.substring(0, 12));
  }

  private static void createPrivateFolder(Path folder) throws IOException {
    Files.createDirectories(folder.getParent());
    if (!Files.isDirectory(folder)) {
      try {
        Files.createDirectory(
            folder,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // Another cell made it first.
      }
    }
  }

  private static CellException invalid(String message) {
    return CellException.invalid("invalid_cell_spec", message);
  }
}
