package dev.oncell.runtime;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A tmpfs of a few MB mounted by a test, for full-disk cases (the runtime's and the server's
 * tests). Needs root: the test is skipped, with the reason, where mounting is not possible.
 */
public final class SmallDisk implements AutoCloseable {

  private final Path path;

  private SmallDisk(Path path) {
    this.path = path;
  }

  /** Mounts a tmpfs of {@code size} (as {@code mount -o size=}, e.g. {@code 24m}) at {@code at}. */
  public static SmallDisk mount(Path at, String size) throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
    Files.createDirectories(at);
    Assumptions.assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=700", "tmpfs", at.toString()),
        "cannot mount a tmpfs here");
    return new SmallDisk(at);
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws Exception {
    run("umount", "-l", path.toString());
  }

  private static boolean run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
