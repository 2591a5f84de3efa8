package dev.oncell.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.RecordingProxy;
import dev.oncell.git.testing.Repos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every path that touches the token (success, wrong token, another host, refused egress,
 * rejected push) with JGit logging everything, then searches the logs, every failure's message and
 * stack, every result and the mirror's files for it.
 */
class TokenNeverLeaksTest {

  static final String TOKEN = "tok-LEAKCHECK-0a9f3e77";

  @Test
  void theTokenIsInNoLogMessageResultOrMirrorFile(@TempDir Path tmp) throws Exception {
    List<String> logged = new CopyOnWriteArrayList<>();
    Logger jgit = Logger.getLogger("org.eclipse.jgit");
    Level before = jgit.getLevel();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            StringWriter w = new StringWriter();
            w.append(r.getLoggerName()).append(' ').append(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
              for (Object p : r.getParameters()) {
                w.append(' ').append(String.valueOf(p));
              }
            }
            if (r.getThrown() != null) {
              r.getThrown().printStackTrace(new PrintWriter(w));
            }
            logged.add(w.toString());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    capture.setLevel(Level.ALL);
    jgit.setLevel(Level.ALL);
    jgit.addHandler(capture);
    StringBuilder seen = new StringBuilder();
    try (LoopbackGitServer server = LoopbackGitServer.start(tmp.resolve("r"), TOKEN);
        LoopbackGitServer other = LoopbackGitServer.start(tmp.resolve("o"), "x", "127.0.0.2");
        RecordingProxy refusing = RecordingProxy.start().refuse("127.0.0.1");
        HostMirror mirror = HostMirror.open(tmp.resolve("mirror.git"))) {
      try (Repository repo = server.create("app")) {
        Repos.commit(repo, "main", Map.of("f", "1\n"), "one");
      }
      other.create("app").close();
      Optional<GitCredential> cred = Optional.of(GitCredential.of(server.host(), TOKEN));
      Optional<GitCredential> wrong =
          Optional.of(new GitCredential(server.host(), Optional.of(TOKEN), "nope"));
      seen.append(
          mirror.fetch(server.url("app"), List.of(), cred, Proxy.NO_PROXY, GitProgress.NONE));
      String mine;
      try (Repository local = Repos.bare(mirror.folder())) {
        mine = Repos.commitOn(local, "x", Optional.empty(), Map.of("g", "2\n"), "root");
      }
      seen.append(
          mirror.push(server.url("app"), mine, "main", Optional.empty(), cred, Proxy.NO_PROXY));
      seen.append(mirror.lsRemote(server.url("app"), cred, Proxy.NO_PROXY));
      List<Runnable> failing =
          List.of(
              () ->
                  mirror.fetch(
                      server.url("app"), List.of(), wrong, Proxy.NO_PROXY, GitProgress.NONE),
              () -> mirror.lsRemote(other.url("app"), cred, Proxy.NO_PROXY),
              () -> mirror.lsRemote(server.url("app"), cred, refusing.proxy()),
              () ->
                  mirror.fetch(
                      server.url("nope"), List.of(), cred, Proxy.NO_PROXY, GitProgress.NONE),
              () -> RepoUrl.parse("https://x:" + TOKEN + "@" + server.host() + "/app.git"));
      for (Runnable r : failing) {
        try {
          r.run();
          seen.append("no failure");
        } catch (GitException e) {
          StringWriter w = new StringWriter();
          e.printStackTrace(new PrintWriter(w));
          seen.append(w).append(e.code());
        }
      }
      assertThat(seen.toString()).contains("git_auth_failed", "egress_refused", "invalid_repo_url");
      assertThat(seen.toString()).doesNotContain(TOKEN).doesNotContain("no failure");
      assertThat(logged).as("JGit logged what it did").isNotEmpty();
      assertThat(String.join("\n", logged)).doesNotContain(TOKEN);
      try (Stream<Path> files = Files.walk(mirror.folder())) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1))
              .as(f.toString())
              .doesNotContain(TOKEN);
        }
      }
    } finally {
      jgit.removeHandler(capture);
      jgit.setLevel(before);
    }
  }
}
