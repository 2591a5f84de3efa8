package dev.oncell.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.git.testing.LoopbackGitServer;
import java.net.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepoUrlTest {

  @Test
  void acceptsHttpsAndHttpWithHostPortAndPath() {
    RepoUrl url = RepoUrl.parse("https://GitHub.com/acme/app.git");
    assertThat(url.host()).isEqualTo("github.com");
    assertThat(url.scheme()).isEqualTo("https");
    assertThat(url.effectivePort()).isEqualTo(443);
    assertThat(url.path()).isEqualTo("/acme/app.git");
    RepoUrl local = RepoUrl.parse("http://127.0.0.1:8080/x.git");
    assertThat(local.port()).hasValue(8080);
    assertThat(local.toString()).isEqualTo("http://127.0.0.1:8080/x.git");
    assertThat(RepoUrl.parse("http://git.oncell.internal/").path()).isEqualTo("/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///etc/passwd",
        "file:/etc",
        "/etc",
        "/srv/git/app.git",
        "./app",
        "../app",
        "~/app",
        "ssh://git@github.com/acme/app.git",
        "git@github.com:acme/app.git",
        "github.com:acme/app.git",
        "git://github.com/acme/app.git",
        "ext::sh -c touch% /tmp/pwned",
        "https://user:pw@github.com/acme/app.git",
        "https://token@github.com/acme/app.git",
        "https:///no-host",
        "https://github.com/acme/app.git?x=1",
        "https://github.com/acme/app.git#frag",
        "https://github.com/acme/../../etc",
        "https://github.com/acme/app%0a.git",
        "https://github.com/acme/app.git\n",
        "https://github.com/ac me",
        "https://github.com:0/app",
        "",
        "app"
      })
  void refusesAnythingButPlainHttpUrls(String bad) {
    assertThatThrownBy(() -> RepoUrl.parse(bad))
        .as(bad)
        .isInstanceOfSatisfying(
            GitException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_repo_url");
              assertThat(e.kind()).isEqualTo(GitException.Kind.INVALID);
              assertThat(e.getMessage()).doesNotContain("pw@");
            });
  }

  @Test
  void refusesAnOverlongUrl() {
    assertThatThrownBy(() -> RepoUrl.parse("https://h/" + "a".repeat(RepoUrl.MAX_LENGTH)))
        .isInstanceOfSatisfying(
            GitException.class, e -> assertThat(e.code()).isEqualTo("invalid_repo_url"));
  }

  @Test
  void aRefusedUrlNeverReachesAServer(@TempDir Path tmp) {
    try (LoopbackGitServer server = LoopbackGitServer.start(tmp.resolve("r"), "t");
        HostMirror mirror = HostMirror.open(tmp.resolve("m.git"))) {
      server.create("app").close();
      String base = server.host() + ":" + server.port();
      for (String bad :
          List.of(
              "file://" + tmp.resolve("r/app.git"),
              tmp.resolve("r/app.git").toString(),
              "ssh://" + base + "/app.git",
              "http://u:t@" + base + "/app.git")) {
        assertThatThrownBy(
                () ->
                    mirror.fetch(
                        RepoUrl.parse(bad),
                        List.of(),
                        Optional.empty(),
                        Proxy.NO_PROXY,
                        GitProgress.NONE))
            .isInstanceOfSatisfying(
                GitException.class, e -> assertThat(e.code()).isEqualTo("invalid_repo_url"));
      }
      assertThat(server.requests()).isEmpty();
      assertThat(mirror.resolve("refs/heads/main")).isEmpty();
    }
  }
}
