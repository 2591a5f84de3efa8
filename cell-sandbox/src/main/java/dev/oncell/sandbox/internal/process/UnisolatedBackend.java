package dev.oncell.sandbox.internal.process;

import dev.oncell.sandbox.ExecRequest;
import dev.oncell.sandbox.ExecResult;
import dev.oncell.sandbox.Sandbox;
import dev.oncell.sandbox.SandboxBackend;
import dev.oncell.sandbox.SandboxException;
import dev.oncell.sandbox.SandboxSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Plain host processes: no isolation whatsoever, for machines without bubblewrap. Every command is
 * tagged with a unique environment variable so that its whole tree, {@code setsid} children
 * included, can be found in {@code /proc} and killed.
 */
public final class UnisolatedBackend implements SandboxBackend {

  @Override
  public String name() {
    return "none";
  }

  @Override
  public boolean isolated() {
    return false;
  }

  @Override
  public void verify() {
    Shells.hostShell();
  }

  @Override
  public Sandbox open(SandboxSpec spec) {
    return new UnisolatedSandbox(spec.workDir());
  }

  private record UnisolatedSandbox(Path workDir) implements Sandbox {

    @Override
    public ExecResult exec(ExecRequest request) {
      Path cwd = workDir.resolve(request.cwd()).normalize();
      if (!cwd.startsWith(workDir) || !Files.isDirectory(cwd)) {
        throw new SandboxException("working folder does not exist: " + request.cwd(), false);
      }
      String tag = UUID.randomUUID().toString();
      ProcessBuilder builder =
          new ProcessBuilder(Shells.hostShell(), "-c", request.command()).directory(cwd.toFile());
      Map<String, String> env = builder.environment();
      env.clear();
      env.putAll(Shells.baseEnvironment(workDir.toString()));
      env.putAll(request.env());
      env.put(ProcessTrees.TAG_VARIABLE, tag);
      return ProcessRunner.run(builder, request, process -> ProcessTrees.kill(process, tag));
    }

    @Override
    public void close() {
      // Nothing is held between commands.
    }
  }
}
