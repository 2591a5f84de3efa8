package dev.oncell.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.Repos;
import java.net.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mirror fetched from and pushed to a real smart-HTTP remote on loopback that needs a token. */
class HostMirrorTest {

  static final String TOKEN = "tok-SECRET-4f1c9a";

  @TempDir Path tmp;
  LoopbackGitServer server;
  HostMirror mirror;
  Optional<GitCredential> cred;
  String main;

  @BeforeEach
  void setUp() {
    server = LoopbackGitServer.start(tmp.resolve("remote"), TOKEN);
    try (Repository repo = server.create("app")) {
      main = Repos.commit(repo, "main", Map.of("README.md", "hello\n"), "first");
      Repos.commit(repo, "refs/pull/7/head", Map.of("pr.txt", "seven\n"), "pr 7");
      Repos.commit(repo, "refs/merge-requests/3/head", Map.of("mr.txt", "three\n"), "mr 3");
    }
    mirror = HostMirror.open(tmp.resolve("mirror.git"));
    cred = Optional.of(GitCredential.of(server.host(), TOKEN));
  }

  @AfterEach
  void tearDown() {
    mirror.close();
    server.close();
  }

  FetchResult fetchAll() {
    return mirror.fetch(server.url("app"), List.of(), cred, Proxy.NO_PROXY, GitProgress.NONE);
  }

  @Test
  void fetchMirrorsBranchesAndReportsProgress() {
    List<String> tasks = new ArrayList<>();
    FetchResult result =
        mirror.fetch(server.url("app"), List.of(), cred, Proxy.NO_PROXY, (t, d, n) -> tasks.add(t));
    assertThat(result.updated()).containsEntry("refs/heads/main", main);
    assertThat(mirror.resolve("refs/heads/main")).contains(main);
    assertThat(result.advertised()).containsEntry("refs/heads/main", main);
    assertThat(tasks).as("progress of the transfer").isNotEmpty();
  }

  @Test
  void fetchesPullAndMergeRequestRefs() {
    String pr;
    String mr;
    try (Repository repo = server.open("app")) {
      pr = Repos.head(repo, "refs/pull/7/head").orElseThrow();
      mr = Repos.head(repo, "refs/merge-requests/3/head").orElseThrow();
    }
    mirror.fetch(
        server.url("app"),
        List.of("pull/7/head", "merge-requests/3/head"),
        cred,
        Proxy.NO_PROXY,
        GitProgress.NONE);
    assertThat(mirror.resolve("refs/remotes/origin/pr/7")).contains(pr);
    assertThat(mirror.resolve("refs/remotes/origin/mr/3")).contains(mr);
    assertThat(mirror.resolve("refs/heads/main")).as("only what was asked").isEmpty();
  }

  @Test
  void pushesANewCommitAndLsRemoteSeesIt() {
    fetchAll();
    String next;
    try (Repository local = Repos.bare(mirror.folder())) {
      next = Repos.commit(local, "main", Map.of("a.txt", "a\n"), "second");
    }
    PushResult pushed =
        mirror.push(server.url("app"), next, "feature/x", Optional.empty(), cred, Proxy.NO_PROXY);
    assertThat(pushed.status()).isEqualTo(PushResult.Status.OK);
    assertThat(pushed.code()).isEmpty();
    assertThat(mirror.lsRemote(server.url("app"), cred, Proxy.NO_PROXY))
        .containsEntry("refs/heads/feature/x", next)
        .containsEntry("refs/heads/main", main);
    PushResult again =
        mirror.push(server.url("app"), next, "feature/x", Optional.empty(), cred, Proxy.NO_PROXY);
    assertThat(again.status()).isEqualTo(PushResult.Status.UP_TO_DATE);
  }

  @Test
  void pushNotFastForwardIsRejectedWithTheRemotesHead() {
    fetchAll();
    String moved = server.moveBranch("app", "main", Map.of("theirs.txt", "x\n"));
    String mine;
    try (Repository local = Repos.bare(mirror.folder())) {
      mine = Repos.commit(local, "main", Map.of("mine.txt", "y\n"), "mine");
    }
    PushResult result =
        mirror.push(server.url("app"), mine, "main", Optional.empty(), cred, Proxy.NO_PROXY);
    assertThat(result.status()).isEqualTo(PushResult.Status.REJECTED);
    assertThat(result.code()).contains("git_push_rejected");
    assertThat(result.remoteHead()).as("the remote's head").contains(moved);
    try (Repository repo = server.open("app")) {
      assertThat(Repos.head(repo, "main")).as("remote unchanged").contains(moved);
    }
  }

  @Test
  void forceWithLeaseFailsWhenTheBranchMovedAndSucceedsWhenItDidNot() {
    fetchAll();
    String mine;
    try (Repository local = Repos.bare(mirror.folder())) {
      mine = Repos.commitOn(local, "rewrite", Optional.empty(), Map.of("new.txt", "n\n"), "root");
    }
    String moved = server.moveBranch("app", "main", Map.of("theirs.txt", "x\n"));
    PushResult stale =
        mirror.push(server.url("app"), mine, "main", Optional.of(main), cred, Proxy.NO_PROXY);
    assertThat(stale.status()).isEqualTo(PushResult.Status.STALE);
    assertThat(stale.code()).contains("git_push_stale");
    assertThat(stale.remoteHead()).contains(moved);

    PushResult forced =
        mirror.push(server.url("app"), mine, "main", Optional.of(moved), cred, Proxy.NO_PROXY);
    assertThat(forced.status()).isEqualTo(PushResult.Status.OK);
    try (Repository repo = server.open("app")) {
      assertThat(Repos.head(repo, "main")).contains(mine);
    }
  }

  @Test
  void wrongOrMissingTokenIsAuthFailedAndNeverInTheMessage() {
    Optional<GitCredential> wrong = Optional.of(GitCredential.of(server.host(), "wrong-" + TOKEN));
    assertThatThrownBy(
            () ->
                mirror.fetch(server.url("app"), List.of(), wrong, Proxy.NO_PROXY, GitProgress.NONE))
        .isInstanceOfSatisfying(
            GitException.class,
            e -> {
              assertThat(e.code()).isEqualTo("git_auth_failed");
              assertThat(stackText(e)).doesNotContain(TOKEN);
            });
    assertThatThrownBy(() -> mirror.lsRemote(server.url("app"), Optional.empty(), Proxy.NO_PROXY))
        .isInstanceOfSatisfying(
            GitException.class, e -> assertThat(e.code()).isEqualTo("git_auth_failed"));
    assertThat(mirror.resolve("refs/heads/main")).as("nothing fetched").isEmpty();
  }

  @Test
  void missingRepositoryIsNotFound() {
    assertThatThrownBy(
            () ->
                mirror.fetch(server.url("nope"), List.of(), cred, Proxy.NO_PROXY, GitProgress.NONE))
        .isInstanceOfSatisfying(
            GitException.class, e -> assertThat(e.code()).isEqualTo("git_not_found"));
  }

  @Test
  void aRemoteNobodyListensForIsUnreachableAndRetryable() {
    // Port 1 of another loopback address: nothing listens there, and no test can take it.
    RepoUrl url = RepoUrl.parse("http://127.0.0.3:1/app.git");
    assertThatThrownBy(() -> mirror.lsRemote(url, cred, Proxy.NO_PROXY))
        .isInstanceOfSatisfying(
            GitException.class,
            e -> {
              assertThat(e.code()).isEqualTo("git_unreachable");
              assertThat(e.retryable()).isTrue();
            });
  }

  @Test
  void invalidRefNamesAreRefusedBeforeConnecting() {
    fetchAll();
    int before = server.requests().size();
    for (String bad :
        List.of(
            "a..b",
            "-x",
            "has space",
            "x.lock",
            "a~1",
            "a:b",
            "",
            "a\u0000b",
            "refs/tags/v1",
            "HEAD")) {
      assertThatThrownBy(
              () ->
                  mirror.push(
                      server.url("app"), "main", bad, Optional.empty(), cred, Proxy.NO_PROXY))
          .as(bad)
          .isInstanceOfSatisfying(
              GitException.class, e -> assertThat(e.code()).isEqualTo("invalid_ref"));
    }
    assertThatThrownBy(
            () ->
                mirror.push(
                    server.url("app"), "no-such", "main", Optional.empty(), cred, Proxy.NO_PROXY))
        .isInstanceOfSatisfying(
            GitException.class, e -> assertThat(e.code()).isEqualTo("invalid_ref"));
    assertThatThrownBy(
            () ->
                mirror.push(
                    server.url("app"), "main", "main", Optional.of("HEAD~1"), cred, Proxy.NO_PROXY))
        .isInstanceOfSatisfying(
            GitException.class, e -> assertThat(e.code()).isEqualTo("invalid_ref"));
    assertThatThrownBy(
            () ->
                mirror.fetch(
                    server.url("app"),
                    List.of("refs/heads/a..b:refs/x"),
                    cred,
                    Proxy.NO_PROXY,
                    GitProgress.NONE))
        .isInstanceOfSatisfying(
            GitException.class, e -> assertThat(e.code()).isEqualTo("invalid_refspec"));
    assertThat(server.requests()).as("nothing sent").hasSize(before);
  }

  @Test
  void openRefusesAFolderThatIsNotABareRepository() throws Exception {
    Path dir = tmp.resolve("junk");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> HostMirror.open(dir))
        .isInstanceOfSatisfying(
            GitException.class, e -> assertThat(e.code()).isEqualTo("git_mirror_invalid"));
  }

  static String stackText(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }
}
