package dev.oncell.sandbox.internal.disk;

import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.internal.process.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What is mounted where, read from {@code /proc/self/mountinfo}, and mounting of loop images. */
final class Mounts {

  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  private Mounts() {}

  /** The device mounted at exactly {@code mountPoint} (the last mount wins), if any. */
  static Optional<String> sourceAt(Path mountPoint) {
    String wanted = mountPoint.toAbsolutePath().normalize().toString();
    Optional<String> found = Optional.empty();
    List<String> lines;
    try {
      lines = Files.readAllLines(MOUNTINFO);
    } catch (IOException e) {
      throw new SandboxException("cannot read " + MOUNTINFO + ": " + e.getMessage(), true, e);
    }
    for (String line : lines) {
      // id parent major:minor root mount-point options [optional...] - fstype source super-options
      String[] fields = line.split(" ");
      int dash = List.of(fields).indexOf("-");
      if (fields.length < 5 || dash < 0 || dash + 2 >= fields.length) {
        continue;
      }
      if (unescape(fields[4]).equals(wanted)) {
        found = Optional.of(unescape(fields[dash + 2]));
      }
    }
    return found;
  }

  static boolean isMountPoint(Path dir) {
    return sourceAt(dir).isPresent();
  }

  /** Mounts an ext4 image through a loop device that is freed again at unmount. */
  static void mountImage(Path image, Path mountPoint) {
    awaitDetached(image);
    HostCommand.run(
        "mount",
        List.of(
            "mount",
            "-t",
            "ext4",
            "-o",
            "loop,nodev,nosuid,noatime",
            image.toString(),
            mountPoint.toString()));
  }

  /**
   * Unmounts, never lazily: a lazily detached filesystem could still be in use while the same image
   * is mounted again, and two mounts of one ext4 image corrupt it.
   *
   * @throws SandboxException retryable when something still uses the filesystem
   */
  static void unmount(Path mountPoint) {
    try {
      HostCommand.run("mount", List.of("umount", mountPoint.toString()));
    } catch (SandboxException e) {
      throw new SandboxException(
          "cannot unmount "
              + mountPoint
              + " (close the cell's sandbox first; is a host process using it?): "
              + e.getMessage(),
          true,
          e);
    }
  }

  /**
   * Waits (up to 5 s) until no loop device is attached to {@code image} any more: after an unmount,
   * a sandbox's mount namespace that is still being torn down may hold it a moment.
   *
   * @throws SandboxException retryable when it stays attached
   */
  static void awaitDetached(Path image) {
    for (int i = 0; i < 100; i++) {
      if (HostCommand.run("mount", List.of("losetup", "-j", image.toString())).isEmpty()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new SandboxException(
        "the disk image "
            + image
            + " is still attached to a loop device (is a command of the cell still running?);"
            + " mounting it twice would corrupt it",
        true);
  }

  /** Undoes the octal escapes ({@code \040} for a space) of mountinfo fields. */
  private static String unescape(String field) {
    return dev.oncell.sandbox.fs.MountPoints.unescape(field);
  }
}
