package dev.oncell.sandbox.internal.process;

import dev.oncell.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code /etc} a sandbox sees: only what programs need to run, nothing about the host's users,
 * hosts or services.
 */
public final class MinimalEtc {

  /** The uid (and gid) of the user {@code cell} that every command runs as. */
  public static final int CELL_UID = 1000;

  /** Host entries mounted read-only on top: Debian's {@code /usr/bin/awk} and friends link here. */
  public static final List<String> SHARED_FROM_HOST = List.of("alternatives", "ld.so.cache");

  private MinimalEtc() {}

  public static Path write(Path dir, int uid) {
    Map<String, String> files =
        Map.of(
            "passwd",
            "root:x:0:0:root:/root:/usr/sbin/nologin\n"
                + "cell:x:"
                + uid
                + ":"
                + uid
                + ":cell:/work:/bin/bash\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
            "group",
            "root:x:0:\ncell:x:" + uid + ":\nnogroup:x:65534:\n",
            "hosts",
            "127.0.0.1 localhost cell\n::1 localhost\n",
            "nsswitch.conf",
            "passwd: files\ngroup: files\nhosts: files\n",
            "resolv.conf",
            "");
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> file : files.entrySet()) {
        Files.writeString(dir.resolve(file.getKey()), file.getValue());
      }
      // Mount points for the entries shared from the host.
      Files.createDirectories(dir.resolve("alternatives"));
      Path ldCache = dir.resolve("ld.so.cache");
      if (!Files.exists(ldCache)) {
        Files.createFile(ldCache);
      }
    } catch (IOException e) {
      throw new SandboxException("cannot write the sandbox's /etc under " + dir, false, e);
    }
    return dir;
  }
}
