package dev.oncell.sandbox.internal.disk;

import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.internal.process.HostCommand;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Making, growing and removing the ext4 images behind {@link CellDisk}. */
final class DiskImages {

  private DiskImages() {}

  /**
   * A sparse file of {@code bytes} with an empty ext4 filesystem: no reserved blocks (the cell is
   * the only user), and no {@code lost+found}, which would otherwise show up in the customer's
   * repository ({@code e2fsck} makes it again if it ever needs it).
   */
  static void format(Path image, long bytes) throws IOException {
    Files.deleteIfExists(image);
    Files.deleteIfExists(growMarker(image));
    setLength(image, bytes);
    HostCommand.run(
        "e2fsprogs", List.of("mkfs.ext4", "-q", "-F", "-m", "0", "-L", "oncell", image.toString()));
    HostCommand.run(
        "e2fsprogs", List.of("debugfs", "-w", "-R", "rmdir lost+found", image.toString()));
  }

  /**
   * Grows a mounted image to {@code bytes}: online where the kernel lets us (needs
   * CAP_SYS_RESOURCE), else by unmounting, growing offline and mounting again, which works when no
   * command of the cell runs. Refuses to shrink.
   */
  static void growMounted(Path image, Path mountPoint, long bytes) throws IOException {
    if (!needsGrowing(image, bytes)) {
      return;
    }
    String device =
        Mounts.sourceAt(mountPoint)
            .orElseThrow(() -> new SandboxException(mountPoint + " is not mounted", true));
    if (!device.startsWith("/dev/loop")) {
      throw new SandboxException(
          mountPoint + " is mounted from " + device + ", not from its loop image " + image, false);
    }
    Path marker = growMarker(image);
    Files.writeString(marker, String.valueOf(bytes));
    setLength(image, bytes);
    try {
      HostCommand.run("mount", List.of("losetup", "--set-capacity", device));
      HostCommand.run("e2fsprogs", List.of("resize2fs", device));
      Files.delete(marker);
    } catch (SandboxException online) {
      Mounts.unmount(mountPoint);
      resumeGrowing(image);
      Mounts.mountImage(image, mountPoint);
    }
  }

  /** Grows an image that is not mounted to {@code bytes}; refuses to shrink. */
  static void growUnmounted(Path image, long bytes) throws IOException {
    if (needsGrowing(image, bytes)) {
      Files.writeString(growMarker(image), String.valueOf(bytes));
      setLength(image, bytes);
    }
    resumeGrowing(image);
  }

  /**
   * Finishes a grow whose file was lengthened but whose filesystem was not yet resized (the marker
   * says so; a crash in between leaves it), offline.
   */
  static void resumeGrowing(Path image) throws IOException {
    Path marker = growMarker(image);
    if (!Files.exists(marker)) {
      return;
    }
    Mounts.awaitDetached(image);
    // resize2fs insists on a freshly checked filesystem; exit codes 1 and 2 mean "fixed".
    HostCommand.run("e2fsprogs", List.of("e2fsck", "-f", "-p", image.toString()), 1, 2);
    HostCommand.run("e2fsprogs", List.of("resize2fs", image.toString()));
    Files.delete(marker);
  }

  private static Path growMarker(Path image) {
    return image.resolveSibling(image.getFileName() + ".growing");
  }

  private static boolean needsGrowing(Path image, long bytes) throws IOException {
    long size = Files.size(image);
    if (bytes <= 0 || bytes == size) {
      return false;
    }
    if (bytes < size) {
      throw new SandboxException(
          "the cell's disk is "
              + size
              + " bytes and cannot shrink to the quota of "
              + bytes
              + " bytes; keep the quota at least as large, or copy the files out, delete "
              + image
              + " and open the cell again",
          false);
    }
    return true;
  }

  static void setLength(Path image, long bytes) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
      file.setLength(bytes);
    }
  }

  /**
   * Deletes a file or a folder with everything in it, however deep, never following symbolic links
   * (a cell's tree: see {@link dev.oncell.sandbox.fs.CellDir#removeTree}).
   */
  static void deleteTree(Path root) throws IOException {
    Path abs = root.toAbsolutePath();
    try (dev.oncell.sandbox.fs.CellDir parent =
        dev.oncell.sandbox.fs.CellDir.open(abs.getParent())) {
      parent.removeTree(abs.getFileName().toString());
    }
  }
}
