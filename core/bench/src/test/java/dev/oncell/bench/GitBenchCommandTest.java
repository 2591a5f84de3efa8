package dev.oncell.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oncell bench git} with tiny sizes: it runs end to end (loopback git server, the git CLI, a
 * real host and bubblewrap cell, the GitHub stand-in) and prints every row; and it checks its
 * arguments. No timing is asserted.
 */
class GitBenchCommandTest {

  @TempDir Path tmp;

  @Test
  void measuresCloneCommitPushPullRequestsAndTheJournalAgainstTheGitCli() {
    BenchCli.Run run =
        BenchCli.oncell(
            tmp,
            "bench",
            "git",
            "--files",
            "40",
            "--commits",
            "12",
            "--rounds",
            "2",
            "--warmup",
            "0",
            "--changed",
            "5",
            "--steps",
            "20");
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.out())
        .contains("40 files")
        .contains("12 commits")
        .contains("load average")
        .contains("journal overhead per step")
        .contains("JGit vs git CLI at p50");
    List<String> rows =
        List.of(
            "clone (JGit: HostMirror.fetch into a new mirror)",
            "commit 5 changed files (JGit add + commit)",
            "push a new branch (JGit: HostMirror.push)",
            "ensurePullRequest, opens it (GitHub stand-in)",
            "ensurePullRequest again, finds it unchanged",
            "clone: ctx.git().clone into a new cell",
            "commit: ctx.git() addAll + commit",
            "push: ctx.git().push (relay, then upstream)",
            "ctx.pullRequests().ensure, opens it",
            "ctx.pullRequests().ensure again",
            "no-op ctx.step, journaled (synced)",
            "the same work, not journaled");
    for (String row : rows) {
      assertThat(run.out().lines().filter(line -> line.startsWith(row)))
          .as("one row '%s' in\n%s", row, run.out())
          .singleElement()
          .satisfies(
              line -> {
                String[] cells = line.substring(row.length()).strip().split("\\s+");
                assertThat(cells).as("rounds, p50, p99, CLI p50, CLI p99, ratio").hasSize(6);
                assertThat(cells[0])
                    .isEqualTo(row.startsWith("no-op") || row.startsWith("the same") ? "20" : "2");
              });
    }
  }

  @Test
  void theGeneratedRepositoryIsTheSameForTheSameSeed() {
    GitHistory.Generated a = GitHistory.generate(tmp.resolve("a.git"), 7, 30, 15);
    GitHistory.Generated b = GitHistory.generate(tmp.resolve("b.git"), 7, 30, 15);
    GitHistory.Generated c = GitHistory.generate(tmp.resolve("c.git"), 8, 30, 15);
    assertThat(a.head()).isEqualTo(b.head()).isNotEqualTo(c.head());
    assertThat(a.texts()).hasSize(30);
  }

  @Test
  void refusesBadSizesAndAnUnknownBackend() {
    BenchCli.Run files = BenchCli.oncell(tmp, "bench", "git", "--files", "0");
    assertThat(files.exitCode()).isEqualTo(2);
    assertThat(files.err()).contains("must be positive").contains("(invalid_argument)");
    BenchCli.Run changed = BenchCli.oncell(tmp, "bench", "git", "--files", "3", "--changed", "4");
    assertThat(changed.exitCode()).isEqualTo(2);
    assertThat(changed.err()).contains("--changed must be at most --files");
    assertThat(BenchCli.oncell(tmp, "bench", "git", "--warmup", "-1").exitCode()).isEqualTo(2);
    BenchCli.Run backend = BenchCli.oncell(tmp, "bench", "git", "--sandbox", "bogus");
    assertThat(backend.exitCode()).isEqualTo(2);
    assertThat(backend.err()).contains("unknown backend 'bogus'");
  }
}
