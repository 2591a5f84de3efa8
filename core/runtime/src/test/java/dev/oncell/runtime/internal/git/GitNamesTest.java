package dev.oncell.runtime.internal.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.agent.git.Person;
import dev.oncell.runtime.CellException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names and paths are checked in Java before git runs: the branch rules agree with {@code git
 * check-ref-format --branch} (checked against the host's git on random names, with a printed seed),
 * and quoting keeps every argument one shell word.
 */
class GitNamesTest {

  @Test
  void branchNamesFollowCheckRefFormat() {
    for (String ok : List.of("main", "feature/x", "oncell/coding/1a2b3c4d", "v1.2", "a-b_c", "é")) {
      assertThat(GitNames.branch(ok)).isEqualTo(ok);
    }
    for (String bad :
        List.of(
            "",
            "-x",
            "HEAD",
            "@",
            "a b",
            "a..b",
            "a~1",
            "a^",
            "a:b",
            "a?",
            "a*",
            "a[",
            "a\\b",
            "/a",
            "a/",
            "a//b",
            "a.",
            ".a",
            "a/.b",
            "a.lock",
            "a/b.lock/c",
            "a@{1}",
            "a\nb",
            "a\u007fb",
            "x".repeat(256))) {
      assertThatThrownBy(() -> GitNames.branch(bad))
          .as("'%s'", bad)
          .isInstanceOfSatisfying(
              CellException.class, e -> assertThat(e.code()).isEqualTo("invalid_ref"));
    }
  }

  @Test
  void revisionsAllowSuffixesButNotOptionsOrRanges() {
    for (String ok : List.of("HEAD", "HEAD~2", "main^", "main^2~3", "origin/main", "abc123")) {
      assertThat(GitNames.revision(ok)).isEqualTo(ok);
    }
    for (String bad : List.of("", "-p", "--all", "a..b", "a...b", "~1", "HEAD:file", "a b")) {
      assertThatThrownBy(() -> GitNames.revision(bad))
          .as("'%s'", bad)
          .isInstanceOfSatisfying(
              CellException.class, e -> assertThat(e.code()).isEqualTo("invalid_ref"));
    }
  }

  @Test
  void pathsStayInTheRepository() {
    assertThat(GitNames.path("a/./b//c.txt")).isEqualTo("a/b/c.txt");
    assertThat(GitNames.path("./")).isEqualTo(".");
    assertThat(GitNames.path(":(glob)*"))
        .as("literal, git gets --literal-pathspecs")
        .isEqualTo(":(glob)*");
    for (String bad : List.of("", "/etc/passwd", "..", "a/../../b", "a/..", "a\0b")) {
      assertThatThrownBy(() -> GitNames.path(bad))
          .as("'%s'", bad)
          .isInstanceOfSatisfying(
              CellException.class, e -> assertThat(e.code()).isEqualTo("invalid_path"));
    }
  }

  @Test
  void foldersAreRelativeToWork() {
    assertThat(GitNames.folder("", "")).isEmpty();
    assertThat(GitNames.folder("", "/work")).isEmpty();
    assertThat(GitNames.folder("", "/work/svc/")).isEqualTo("svc");
    assertThat(GitNames.folder("svc", "api")).isEqualTo("svc/api");
    assertThat(GitNames.folder("svc", ".")).isEqualTo("svc");
    for (String bad : List.of("/etc", "/workshop", "..", "a/../..")) {
      assertThatThrownBy(() -> GitNames.folder("svc", bad))
          .as("'%s'", bad)
          .isInstanceOfSatisfying(
              CellException.class, e -> assertThat(e.code()).isEqualTo("invalid_path"));
    }
  }

  @Test
  void identitiesGitCannotWriteAreRefused() {
    assertThat(GitNames.person(new Person("Ada L.", "ada@x.test"), "author").name())
        .isEqualTo("Ada L.");
    for (Person bad :
        List.of(
            new Person("", "a@b"),
            new Person("A", ""),
            new Person("A <b>", "a@b"),
            new Person("A\nB", "a@b"),
            new Person("A", "a b@c"),
            new Person("A", "a>@b"))) {
      assertThatThrownBy(() -> GitNames.person(bad, "author"))
          .isInstanceOfSatisfying(
              CellException.class, e -> assertThat(e.code()).isEqualTo("invalid_identity"));
    }
  }

  @Test
  void quotingKeepsEveryArgumentOneWord(@TempDir Path tmp) throws Exception {
    for (String value : List.of("plain", "it's", "$(touch x)", "`id`", "a\nb", "'\"\\", "")) {
      Process p =
          new ProcessBuilder("bash", "-c", "printf '%s' " + ShellQuote.quote(value))
              .directory(tmp.toFile())
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).isZero();
      assertThat(out).isEqualTo(value);
    }
    try (var files = Files.list(tmp)) {
      assertThat(files).as("nothing was executed").isEmpty();
    }
  }

  @Test
  void randomBranchNamesAgreeWithGit() throws Exception {
    long seed = Long.getLong("tests.seed", new Random().nextLong());
    System.out.println("GitNamesTest seed: -Dtests.seed=" + seed);
    Random random = new Random(seed);
    String alphabet = "ab/.-_@{}~^:?*[\\ lock";
    for (int i = 0; i < 200; i++) {
      StringBuilder name = new StringBuilder();
      int length = 1 + random.nextInt(8);
      for (int j = 0; j < length; j++) {
        name.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String candidate = name.toString();
      Process p = new ProcessBuilder("git", "check-ref-format", "--branch", candidate).start();
      p.getInputStream().readAllBytes();
      p.getErrorStream().readAllBytes();
      boolean gitAccepts = p.waitFor() == 0;
      boolean weAccept;
      try {
        GitNames.branch(candidate);
        weAccept = true;
      } catch (CellException e) {
        weAccept = false;
      }
      if (gitAccepts != weAccept) {
        // We may be stricter than git (never looser): git --branch also expands @{-N}.
        assertThat(weAccept)
            .as("seed %d: '%s' is refused by git but accepted here", seed, candidate)
            .isFalse();
      }
    }
  }
}
