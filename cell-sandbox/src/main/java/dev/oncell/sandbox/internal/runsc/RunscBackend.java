package dev.oncell.sandbox.internal.runsc;

import dev.oncell.sandbox.ExecRequest;
import dev.oncell.sandbox.ExecResult;
import dev.oncell.sandbox.Sandbox;
import dev.oncell.sandbox.SandboxBackend;
import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.SandboxSpec;
import dev.oncell.sandbox.internal.cgroup.Cgroups;
import dev.oncell.sandbox.internal.disk.CellDisk;
import dev.oncell.sandbox.internal.process.MinimalEtc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * gVisor: one long-lived sandbox per active cell (an OCI bundle under the cell's state folder,
 * {@code tini} as its first process), started lazily on the first command; each command is a {@code
 * runsc exec} into it, in a fresh PID namespace as uid 1000 with no capabilities. The containers
 * live under this backend's own {@code runsc --root} in the runtime folder, so {@link #verify()}
 * can sweep what a crashed host left there without touching anyone else's.
 */
public final class RunscBackend implements SandboxBackend {

  /** Unix socket paths are limited to 108 bytes; runsc puts one per container under its root. */
  private static final int MAX_SOCKET_PATH = 107;

  /** Between a cell's prefix and a start's generation; cell ids never hold a dot. */
  static final String GENERATION_SEPARATOR = ".";

  /** Room for the separator and a generation (the clock in ms, base 36: 8 digits until 2059). */
  private static final String LONGEST_SUFFIX = ".zzzzzzzzz";

  private final AtomicLong generations = new AtomicLong(System.currentTimeMillis());

  private final Path runtimeDir;
  private final String hostTag;

  /**
   * What every sandbox of this backend shares, found once: opening a cell's sandbox (at every wake)
   * must not start a process, or a wake that only reads memory would pay for it.
   */
  private volatile Optional<Shared> shared = Optional.empty();

  private record Shared(Runsc runsc, Path etc, String init) {}

  public RunscBackend(Path runtimeDir) {
    this.runtimeDir = runtimeDir.toAbsolutePath().normalize();
    this.hostTag = shortHash(this.runtimeDir.toString(), 8);
  }

  @Override
  public String name() {
    return "gvisor";
  }

  @Override
  public boolean isolated() {
    return true;
  }

  /**
   * Finds runsc and tini, sweeps every container left under this backend's root (call it before
   * opening sandboxes: it kills whatever runs there), and starts a probe sandbox.
   */
  @Override
  public void verify() {
    Runsc runsc = runsc();
    findInit();
    for (String orphan : runsc.list()) {
      runsc.destroy(orphan);
    }
    Path probeDir = runtimeDir.resolve("probe");
    SandboxSpec probeSpec;
    try {
      probeSpec = SandboxSpec.of("probe", Files.createDirectories(probeDir.resolve("work")));
    } catch (IOException e) {
      throw new SandboxException("cannot create " + probeDir, false, e);
    }
    try (Sandbox probe = open(probeSpec)) {
      ExecResult result = probe.exec(ExecRequest.of("echo ok", Duration.ofSeconds(30)));
      if (result.exitCode() != 0 || !result.stdout().equals("ok\n")) {
        throw new SandboxException(
            "gVisor cannot run a probe sandbox here: " + result.stdout() + result.stderr(), false);
      }
    } finally {
      // The probe's container is deleted in the background; verify() returns when it is gone.
      release(probeSpec);
    }
  }

  @Override
  public Sandbox open(SandboxSpec spec) {
    // Before the container exists: it binds the work folder, which must be the cell's disk then.
    CellDisk disk = CellDisk.of(spec);
    String prefix = containerPrefix(spec.id());
    try {
      disk.ensureMounted();
    } catch (SandboxException busy) {
      if (!busy.retryable()) {
        throw busy;
      }
      // The cell's running (or still deleting) container holds its disk (a grown quota needs it
      // unmounted): a new open of a cell replaces its sandbox anyway, so stop the old one and
      // try again.
      destroyAll(prefix);
      disk.ensureMounted();
    }
    Shared common = shared();
    return new RunscSandbox(
        spec,
        common.runsc(),
        new RunscStart.Ids(prefix, this::nextGeneration),
        common.etc(),
        common.init(),
        Cgroups.host(),
        disk);
  }

  /** Stops and deletes every container of one cell, now; waits for its background deletes. */
  private void destroyAll(String prefix) {
    Runsc runsc = shared().runsc();
    for (String container : runsc.list()) {
      if (container.startsWith(prefix + GENERATION_SEPARATOR)) {
        runsc.destroy(container);
      }
    }
    RunscDeletes.await(prefix);
  }

  /**
   * A fresh suffix per container start, so a start never waits for (nor collides with) the
   * background delete of the cell's previous container; unique across host restarts too (it starts
   * at the clock), so a start needs no delete of a leftover first.
   */
  private String nextGeneration() {
    return Long.toString(generations.incrementAndGet(), 36);
  }

  private Shared shared() {
    Optional<Shared> cached = shared;
    if (cached.isPresent()) {
      return cached.get();
    }
    synchronized (this) {
      if (shared.isEmpty()) {
        shared =
            Optional.of(
                new Shared(
                    runsc(),
                    MinimalEtc.write(runtimeDir.resolve("etc"), MinimalEtc.CELL_UID),
                    findInit()));
      }
      return shared.get();
    }
  }

  /** Waits for the cell's container to be deleted (it holds the disk's mount), then unmounts. */
  @Override
  public void release(SandboxSpec spec) {
    RunscDeletes.await(containerPrefix(spec.id()));
    CellDisk.of(spec).release();
  }

  private Runsc runsc() {
    Path root = runscRoot();
    try {
      Files.createDirectories(root);
      // Where an operator looks for it; the real folder is short, for runsc's socket paths.
      Path link = runtimeDir.resolve("runsc");
      if (!Files.isSymbolicLink(link)) {
        Files.createDirectories(runtimeDir);
        Files.createSymbolicLink(link, root);
      }
    } catch (IOException e) {
      throw new SandboxException("cannot create " + root + ": " + e.getMessage(), false, e);
    }
    return new Runsc(Runsc.find(), root);
  }

  /**
   * runsc's state folder, private to this runtime folder: {@code /run/oncell/<hash>}. Not under the
   * runtime folder itself because runsc puts a unix socket per container there, and socket paths
   * are limited to 107 bytes; {@code /run} is also where container state belongs (it does not
   * outlive a reboot, and neither do the containers).
   */
  Path runscRoot() {
    return Path.of("/run/oncell", hostTag);
  }

  /**
   * What the ids of a cell's containers start with ({@code <prefix>.<generation>}): unique per host
   * and per runtime folder, so two servers or test runs on one machine never collide; readable when
   * it fits in the control socket's path, hashed when it does not.
   */
  String containerPrefix(String cellId) {
    String readable = "oc-" + hostTag + "-" + cellId;
    if (socketFits(readable + LONGEST_SUFFIX)) {
      return readable;
    }
    String hashed = "oc-" + shortHash(runtimeDir + "\0" + cellId, 16);
    if (!socketFits(hashed + LONGEST_SUFFIX)) {
      throw new SandboxException("runsc's state folder path is too long: " + runscRoot(), false);
    }
    return hashed;
  }

  private boolean socketFits(String containerId) {
    String socket = runscRoot().resolve("runsc-" + containerId + ".sock").toString();
    return socket.getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH;
  }

  /** tini reaps the orphans that the commands' namespaces leave to PID 1. */
  private static String findInit() {
    for (String candidate : List.of("/usr/bin/tini-static", "/usr/bin/tini")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new SandboxException(
        "tini is not installed: run scripts/install-system-deps.sh as root, or apt-get install tini",
        false);
  }

  private static String shortHash(String text, int hexChars) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, hexChars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
