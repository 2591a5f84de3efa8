package dev.oncell.sandbox.internal.disk;

import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.SandboxSpec;
import dev.oncell.sandbox.internal.process.HostCommand;
import dev.oncell.sandbox.internal.process.RootCheck;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A cell's disk quota: its work folder is an ext4 filesystem of exactly the quota's size, kept in a
 * sparse image {@code <stateDir>/disk.img} and loop-mounted ({@code nodev,nosuid}) onto the work
 * folder. Backend-independent: any backend that bind-mounts the work folder calls {@link
 * #ensureMounted} before it starts a cell and {@link #release} when the cell is deleted or the host
 * stops.
 *
 * <p>Invariants: once {@code disk.img} exists, the cell's files live in it and nowhere else; the
 * work folder is then either the mounted image or an empty mount point. Moving the files of a cell
 * that had no quota into a new image never loses them: they are copied into {@code disk.img.new}
 * first, which becomes {@code disk.img} by an atomic rename, and only then are the originals
 * removed (a marker file says that removal is in progress, so a crash in the middle is finished at
 * the next open). Needs root (mount, loop devices).
 */
public final class CellDisk {

  private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private final Path workDir;
  private final Path stateDir;
  private final long quotaBytes;

  private CellDisk(Path workDir, Path stateDir, long quotaBytes) {
    this.workDir = workDir;
    this.stateDir = stateDir;
    this.quotaBytes = quotaBytes;
  }

  /** The disk of the cell {@code spec} describes, sized by its {@code limits().diskBytes()}. */
  public static CellDisk of(SandboxSpec spec) {
    // Whole 4 KiB blocks, so that the filesystem covers the image exactly.
    long quota = spec.limits().diskBytes() / 4096 * 4096;
    return new CellDisk(spec.workDir(), spec.stateDir(), quota);
  }

  /** The image file; it exists once the cell has had a quota. */
  public Path image() {
    return stateDir.resolve("disk.img");
  }

  /** Whether the cell's work folder is a filesystem of its own: it has a quota now or had one. */
  public boolean wanted() {
    return quotaBytes > 0 || Files.exists(image());
  }

  /** Whether the image is mounted on the work folder now. */
  public boolean mounted() {
    return Mounts.isMountPoint(workDir);
  }

  /**
   * Makes the work folder the mounted image: creates the image the first time (moving files already
   * in the work folder into it), mounts it again after a host restart, grows it when the quota
   * grew. Idempotent and cheap when already mounted at the right size. A quota of 0 for a cell that
   * has an image keeps the image as it is: its files are there.
   *
   * @throws SandboxException terminal when not root, when a tool is missing, when the quota is
   *     smaller than the existing image (ext4 images are not shrunk), or when the work folder holds
   *     files that are not in the existing image
   */
  public void ensureMounted() {
    if (!wanted()) {
      return;
    }
    RootCheck.require("a disk quota (loop-mounted image)");
    synchronized (LOCKS.computeIfAbsent(image(), k -> new Object())) {
      try {
        Files.createDirectories(stateDir);
        finishInterruptedMove();
        Files.deleteIfExists(newImage());
        if (!mounted() && Files.exists(image())) {
          DiskImages.resumeGrowing(image());
        }
        if (mounted()) {
          DiskImages.growMounted(image(), workDir, quotaBytes);
          return;
        }
        if (!Files.exists(image())) {
          create();
        } else {
          if (!isEmpty(workDir)) {
            throw new SandboxException(
                "the work folder "
                    + workDir
                    + " has files, but the cell's files live in its disk image "
                    + image()
                    + "; move them away before opening the cell",
                false);
          }
          DiskImages.growUnmounted(image(), quotaBytes);
        }
        Mounts.mountImage(image(), workDir);
      } catch (IOException e) {
        throw new SandboxException("cannot set up the disk of " + workDir + ": " + e, false, e);
      }
    }
  }

  /** Unmounts the image; the files stay in it. Does nothing when it is not mounted. */
  public void release() {
    synchronized (LOCKS.computeIfAbsent(image(), k -> new Object())) {
      if (mounted()) {
        Mounts.unmount(workDir);
      }
    }
  }

  /** Bytes used and total on the mounted filesystem; {@code {-1, -1}} when not mounted. */
  public long[] usedAndTotal() {
    if (!mounted()) {
      return new long[] {-1, -1};
    }
    try {
      FileStore store = Files.getFileStore(workDir);
      long total = store.getTotalSpace();
      return new long[] {total - store.getUnallocatedSpace(), total};
    } catch (IOException e) {
      return new long[] {-1, -1};
    }
  }

  private Path newImage() {
    return stateDir.resolve("disk.img.new");
  }

  private Path moveMarker() {
    return stateDir.resolve("disk.moving");
  }

  private void create() throws IOException {
    if (quotaBytes <= 0) {
      throw new IllegalStateException("no quota and no image");
    }
    Path fresh = newImage();
    DiskImages.format(fresh, quotaBytes);
    boolean hasFiles = !isEmpty(workDir);
    if (hasFiles) {
      Path staging = Files.createDirectories(stateDir.resolve("staging"));
      Mounts.mountImage(fresh, staging);
      try {
        HostCommand.run("coreutils", List.of("cp", "-a", "--", workDir + "/.", staging.toString()));
      } finally {
        Mounts.unmount(staging);
      }
      Files.writeString(moveMarker(), "removing the originals moved into disk.img\n");
    }
    Files.move(fresh, image(), StandardCopyOption.ATOMIC_MOVE);
    if (hasFiles) {
      finishInterruptedMove();
    }
  }

  /** Removes originals that were already copied into the image (see the class invariants). */
  private void finishInterruptedMove() throws IOException {
    if (!Files.exists(moveMarker()) || mounted()) {
      return;
    }
    try (Stream<Path> children = Files.list(workDir)) {
      for (Path child : children.toList()) {
        DiskImages.deleteTree(child);
      }
    }
    Files.delete(moveMarker());
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.findAny().isEmpty();
    }
  }
}
