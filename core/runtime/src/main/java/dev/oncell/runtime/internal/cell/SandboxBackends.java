package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.CellException;
import dev.oncell.sandbox.SandboxBackend;
import dev.oncell.sandbox.SandboxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The sandbox backends of this host: one verified instance per name, verified on first use and
 * cached, so that every cell of a deployment shares its backend. {@code auto} is the first of
 * {@link #AUTO_ORDER} that exists in this build and passes {@code verify()} here; {@code none} is
 * never picked automatically.
 */
public final class SandboxBackends {

  private static final Logger LOG = Logger.getLogger(SandboxBackends.class.getName());

  /** The name that means "the strongest isolation that works on this machine". */
  static final String AUTO = "auto";

  /** Strongest first. A name the sandbox module does not know yet is skipped. */
  static final List<String> AUTO_ORDER = List.of("gvisor", "bubblewrap");

  private final Path runtimeDir;
  private final Map<String, SandboxBackend> verified = new ConcurrentHashMap<>();
  private final String hostDefault;
  private volatile SandboxBackend autoChoice; // auto is resolved once: verify may be slow

  /**
   * Resolves and verifies the host default at once: a host whose default backend cannot run here
   * does not start.
   *
   * @throws CellException {@code sandbox_unavailable} (INVALID) naming what is missing
   */
  public SandboxBackends(String hostDefault, Path runtimeDir) {
    this.runtimeDir = runtimeDir;
    this.hostDefault = get(hostDefault).name();
  }

  /** The name of the backend cells use when their deployment names none. */
  public String hostDefault() {
    return hostDefault;
  }

  /**
   * The verified backend called {@code name} ({@code auto} included).
   *
   * @throws CellException {@code sandbox_unavailable} (INVALID) if the name is unknown or the
   *     backend cannot run on this machine
   */
  public SandboxBackend get(String name) {
    if (name.equals(AUTO)) {
      return auto();
    }
    SandboxBackend known = verified.get(name);
    if (known != null) {
      return known;
    }
    synchronized (verified) {
      return verified.computeIfAbsent(name, this::verify);
    }
  }

  private SandboxBackend verify(String name) {
    try {
      SandboxBackend backend = SandboxBackend.byName(name, runtimeDir);
      backend.verify();
      if (!backend.isolated()) {
        LOG.warning(
            "sandbox backend '"
                + backend.name()
                + "': commands run as plain host processes with NO isolation between customers"
                + " or from the host. Use it only on a machine without bubblewrap.");
      }
      return backend;
    } catch (SandboxException e) {
      throw new CellException(ErrorKind.INVALID, "sandbox_unavailable", e.getMessage(), e);
    }
  }

  private SandboxBackend auto() {
    SandboxBackend chosen = autoChoice;
    if (chosen == null) {
      chosen = pickAuto();
      autoChoice = chosen;
    }
    return chosen;
  }

  private SandboxBackend pickAuto() {
    List<String> reasons = new ArrayList<>();
    for (String candidate : AUTO_ORDER) {
      try {
        return get(candidate);
      } catch (CellException e) {
        reasons.add(candidate + ": " + e.getMessage());
      }
    }
    throw CellException.invalid(
        "sandbox_unavailable",
        "no sandbox backend works on this machine ("
            + String.join("; ", reasons)
            + "); install one (scripts/install-system-deps.sh) or choose 'none' explicitly");
  }
}
