package dev.oncell.plugins.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A customer's repository with real history, made with the real {@code git} in a work folder and
 * pushed to a bare repository (the one the loopback server serves): files are added, changed and
 * deleted in separate commits, as people do.
 */
final class UpstreamRepo {

  private final Path work;
  private final Path bare;

  UpstreamRepo(Path work, Path bare) {
    this.work = work;
    this.bare = bare;
    git("init", "-q", "-b", "main");
  }

  /** Writes {@code files} and commits them; its id. */
  String commit(String message, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = work.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    git("add", "-A");
    git("commit", "-q", "-m", message);
    return git("rev-parse", "HEAD").strip();
  }

  /** Writes raw bytes (a binary file) and commits them. */
  String commitBytes(String message, String path, byte[] bytes) {
    try {
      Files.write(work.resolve(path), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    git("add", "-A");
    git("commit", "-q", "-m", message);
    return git("rev-parse", "HEAD").strip();
  }

  /** Deletes {@code paths} and commits. */
  String delete(String message, String... paths) {
    List<String> args = new ArrayList<>(List.of("rm", "-q"));
    args.addAll(List.of(paths));
    git(args.toArray(String[]::new));
    git("commit", "-q", "-m", message);
    return git("rev-parse", "HEAD").strip();
  }

  /** Pushes every branch to the bare repository. */
  void push() {
    git("push", "-q", "--force", bare.toString(), "main");
  }

  private String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_AUTHOR_NAME", "Dev");
    env.put("GIT_AUTHOR_EMAIL", "dev@example.test");
    env.put("GIT_COMMITTER_NAME", "Dev");
    env.put("GIT_COMMITTER_EMAIL", "dev@example.test");
    try {
      Files.createDirectories(work);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + ": " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
