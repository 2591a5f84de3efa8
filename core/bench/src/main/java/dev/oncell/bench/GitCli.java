package dev.oncell.bench;

import dev.oncell.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The {@code git} command line, as {@code bench git} compares it with JGit: a private {@code HOME}
 * (no user or system configuration, no credential helper, no prompt), and the loopback server's
 * token sent as an {@code http.extraHeader} so that it never sits in a URL or a file.
 */
final class GitCli {

  private final Path home;
  private final String authorization;

  GitCli(Path home, String token) {
    this.home = home;
    this.authorization =
        "Authorization: Basic "
            + Base64.getEncoder()
                .encodeToString(("bench:" + token).getBytes(StandardCharsets.UTF_8));
  }

  /** Whether a {@code git} command is on the PATH. */
  static boolean available() {
    try {
      Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs {@code git args...} in {@code dir}; fails the bench with git's own message. */
  void run(Path dir, String... args) {
    List<String> command =
        new ArrayList<>(List.of("git", "-c", "http.extraHeader=" + authorization));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = builder.environment();
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_AUTHOR_NAME", "Bench Author");
    env.put("GIT_AUTHOR_EMAIL", "bench@oncell.invalid");
    env.put("GIT_COMMITTER_NAME", "Bench Author");
    env.put("GIT_COMMITTER_EMAIL", "bench@oncell.invalid");
    builder.redirectErrorStream(true);
    try {
      Files.createDirectories(home);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new CliException(
            "git " + args[0] + " failed: " + output.strip(), "bench_git_failed", 1);
      }
    } catch (IOException e) {
      throw new CliException("cannot run git: " + e.getMessage(), "bench_git_failed", 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", "bench_git_failed", 1);
    }
  }
}
