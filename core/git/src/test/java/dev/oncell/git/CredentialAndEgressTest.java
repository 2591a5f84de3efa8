package dev.oncell.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.RecordingProxy;
import dev.oncell.git.testing.Repos;
import java.net.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a credential goes and which way every connection takes: only to its own host (not to
 * another remote, not after a redirect), and always through the proxy the caller gives.
 */
class CredentialAndEgressTest {

  static final String TOKEN = "tok-ONLY-FOR-A-77d2";

  @TempDir Path tmp;
  LoopbackGitServer a;
  LoopbackGitServer b;
  HostMirror mirror;
  Optional<GitCredential> credForA;
  String main;

  @BeforeEach
  void setUp() {
    a = LoopbackGitServer.start(tmp.resolve("a"), TOKEN, "127.0.0.1");
    b = LoopbackGitServer.start(tmp.resolve("b"), "other-token", "127.0.0.2");
    try (Repository repo = a.create("app")) {
      main = Repos.commit(repo, "main", Map.of("f", "1\n"), "one");
    }
    try (Repository repo = b.create("app")) {
      Repos.commit(repo, "main", Map.of("g", "2\n"), "two");
    }
    mirror = HostMirror.open(tmp.resolve("mirror.git"));
    credForA = Optional.of(GitCredential.of(a.host(), TOKEN));
  }

  @AfterEach
  void tearDown() {
    mirror.close();
    a.close();
    b.close();
  }

  @Test
  void aCredentialIsNeverSentToAnotherHost() {
    assertThatThrownBy(
            () -> mirror.fetch(b.url("app"), List.of(), credForA, Proxy.NO_PROXY, GitProgress.NONE))
        .isInstanceOfSatisfying(
            GitException.class, e -> assertThat(e.code()).isEqualTo("git_auth_failed"));
    assertThat(b.requests()).isNotEmpty();
    assertNeverSawToken(b);
  }

  @Test
  void aCredentialIsNotCarriedAcrossARedirectToAnotherHost() {
    a.redirectTo(b.baseUrl());
    assertThatThrownBy(
            () -> mirror.fetch(a.url("app"), List.of(), credForA, Proxy.NO_PROXY, GitProgress.NONE))
        .isInstanceOf(GitException.class);
    assertThat(a.requests())
        .as("A got the credential (it is A's)")
        .anyMatch(r -> r.authorization().isPresent());
    assertThat(b.requests()).as("the redirect was followed").isNotEmpty();
    assertNeverSawToken(b);
  }

  @Test
  void everyConnectionGoesThroughTheCallersProxy() {
    try (RecordingProxy proxy = RecordingProxy.start()) {
      FetchResult result =
          mirror.fetch(a.url("app"), List.of(), credForA, proxy.proxy(), GitProgress.NONE);
      assertThat(result.updated()).containsEntry("refs/heads/main", main);
      assertThat(proxy.seen())
          .isNotEmpty()
          .allMatch(s -> s.hostPort().equals(a.host() + ":" + a.port()));
      assertThat(proxy.seen())
          .as("one proxied request per request A served")
          .hasSize(a.requests().size());
    }
  }

  @Test
  void aRefusalOfTheProxyIsEgressRefusedAndNothingReachesTheRemote() {
    try (RecordingProxy proxy = RecordingProxy.start().refuse(a.host())) {
      assertThatThrownBy(
              () ->
                  mirror.fetch(a.url("app"), List.of(), credForA, proxy.proxy(), GitProgress.NONE))
          .isInstanceOfSatisfying(
              GitException.class,
              e -> {
                assertThat(e.code()).isEqualTo("egress_refused");
                assertThat(HostMirrorTest.stackText(e)).doesNotContain(TOKEN);
              });
      String local;
      try (Repository repo = Repos.bare(mirror.folder())) {
        local = Repos.commit(repo, "main", Map.of("h", "h\n"), "local");
      }
      assertThatThrownBy(
              () ->
                  mirror.push(
                      a.url("app"), local, "main", Optional.empty(), credForA, proxy.proxy()))
          .isInstanceOfSatisfying(
              GitException.class, e -> assertThat(e.code()).isEqualTo("egress_refused"));
      assertThatThrownBy(() -> mirror.lsRemote(a.url("app"), credForA, proxy.proxy()))
          .isInstanceOfSatisfying(
              GitException.class, e -> assertThat(e.code()).isEqualTo("egress_refused"));
      RepoUrl https = RepoUrl.parse("https://" + a.host() + ":" + a.port() + "/app.git");
      assertThatThrownBy(() -> mirror.lsRemote(https, credForA, proxy.proxy()))
          .as("a refused CONNECT tunnel")
          .isInstanceOfSatisfying(
              GitException.class, e -> assertThat(e.code()).isEqualTo("egress_refused"));
      assertThat(proxy.seen()).anyMatch(s -> s.method().equals("CONNECT"));
      assertThat(proxy.seen()).isNotEmpty().allMatch(RecordingProxy.Seen::refused);
      assertThat(a.requests()).isEmpty();
    }
  }

  @Test
  void aProxyThatCannotBeReachedIsUnreachable() {
    // Port 1 of another loopback address: nothing listens there, and no test can take it.
    Proxy gone = new Proxy(Proxy.Type.HTTP, new java.net.InetSocketAddress("127.0.0.3", 1));
    assertThatThrownBy(() -> mirror.lsRemote(a.url("app"), credForA, gone))
        .isInstanceOfSatisfying(
            GitException.class, e -> assertThat(e.code()).isEqualTo("git_unreachable"));
    assertThat(a.requests()).as("no direct connection instead").isEmpty();
  }

  @Test
  void twoCellsWithDifferentEgressRulesAtOnceDoNotInterfere() throws Exception {
    try (RecordingProxy refusing = RecordingProxy.start().refuse(a.host());
        RecordingProxy allowing = RecordingProxy.start();
        HostMirror other = HostMirror.open(tmp.resolve("other.git"));
        ExecutorService pool =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("cell-", 0).factory())) {
      List<Future<String>> refused = new ArrayList<>();
      List<Future<String>> allowed = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        refused.add(
            pool.submit(
                () -> {
                  try {
                    mirror.lsRemote(a.url("app"), credForA, refusing.proxy());
                    return "ok";
                  } catch (GitException e) {
                    return e.code();
                  }
                }));
        allowed.add(
            pool.submit(
                () ->
                    other
                        .lsRemote(a.url("app"), credForA, allowing.proxy())
                        .get("refs/heads/main")));
      }
      for (Future<String> f : refused) {
        assertThat(f.get()).isEqualTo("egress_refused");
      }
      for (Future<String> f : allowed) {
        assertThat(f.get()).isEqualTo(main);
      }
    }
  }

  private static void assertNeverSawToken(LoopbackGitServer server) {
    for (LoopbackGitServer.Recorded r : server.requests()) {
      r.authorization()
          .ifPresent(
              h -> {
                String decoded =
                    h.startsWith("Basic ")
                        ? new String(Base64.getDecoder().decode(h.substring(6).strip()))
                        : h;
                assertThat(decoded)
                    .as("Authorization sent to " + server.host())
                    .doesNotContain(TOKEN);
              });
    }
  }
}
