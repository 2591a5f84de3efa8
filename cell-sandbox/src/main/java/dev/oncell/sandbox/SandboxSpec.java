package dev.oncell.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a sandbox is made of.
 *
 * @param workDir the cell's work folder on the host, mounted writable at {@code /work}
 */
public record SandboxSpec(Path workDir) {

  public SandboxSpec {
    Objects.requireNonNull(workDir, "workDir");
    if (!Files.isDirectory(workDir)) {
      throw new SandboxException("work folder does not exist: " + workDir, false);
    }
    workDir = workDir.toAbsolutePath().normalize();
  }
}
