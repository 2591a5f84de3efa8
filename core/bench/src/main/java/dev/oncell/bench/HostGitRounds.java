package dev.oncell.bench;

import dev.oncell.agent.forge.Forge;
import dev.oncell.agent.forge.ForgeConnection;
import dev.oncell.agent.forge.ForgeRepo;
import dev.oncell.bench.GitBenchCommand.GitRow;
import dev.oncell.bench.GitHistory.Generated;
import dev.oncell.cli.CliException;
import dev.oncell.forge.Forges;
import dev.oncell.forge.RetryPolicy;
import dev.oncell.git.GitCredential;
import dev.oncell.git.GitProgress;
import dev.oncell.git.HostMirror;
import dev.oncell.git.PushResult;
import dev.oncell.git.RepoUrl;
import dev.oncell.git.testing.Repos;
import java.io.IOException;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * JGit on the host against the {@code git} command line, the same work on the same loopback remote,
 * round by round (JGit then the CLI, so a drift of the machine's load hits both): clone (JGit:
 * {@link HostMirror#fetch} into a fresh mirror, as a cell's first clone does; CLI: {@code git clone
 * --mirror}), a commit of the round's changed files in a work tree (JGit's add and commit; CLI:
 * {@code git add -A} and {@code git commit}), a push of such a commit to a new branch (JGit: {@link
 * HostMirror#push}; CLI: {@code git push}), and {@code ensurePullRequest} against the GitHub
 * stand-in (no CLI counterpart).
 */
final class HostGitRounds {

  private static final PersonIdent WHO = new PersonIdent("Bench Author", "bench@oncell.invalid");

  private final Path tmp;
  private final RepoUrl url;
  private final GitCredential credential;
  private final Generated repo;
  private final GitCli cli;
  private final int warmup;
  private final int rounds;
  private final int changed;

  HostGitRounds(
      Path tmp, RepoUrl url, String token, Generated repo, int warmup, int rounds, int changed) {
    this.tmp = tmp;
    this.url = url;
    this.credential = GitCredential.of(url.host(), token);
    this.repo = repo;
    this.cli = new GitCli(tmp.resolve("cli-home"), token);
    this.warmup = warmup;
    this.rounds = rounds;
    this.changed = changed;
  }

  /** Clone, commit and push rows, then the pull request rows against {@code apiBase}. */
  List<GitRow> run(String forgeApiBase, String forgeRepoUrl) throws IOException, GitAPIException {
    List<GitRow> rows = new ArrayList<>();
    Path mirror = clone(rows);
    commitAndPush(rows, mirror);
    pullRequests(rows, forgeApiBase, forgeRepoUrl);
    return rows;
  }

  /** The clone row; returns the last JGit mirror, kept for the pushes. */
  private Path clone(List<GitRow> rows) throws IOException {
    long[] jgit = new long[rounds];
    long[] git = new long[rounds];
    Path kept = tmp.resolve("jgit-mirror");
    for (int r = 0; r < warmup + rounds; r++) {
      Path jgitDir = tmp.resolve("jgit-clone-" + r);
      long start = System.nanoTime();
      try (HostMirror mirror = HostMirror.open(jgitDir)) {
        mirror.fetch(url, List.of(), Optional.of(credential), Proxy.NO_PROXY, GitProgress.NONE);
      }
      long jgitNanos = System.nanoTime() - start;
      Path gitDir = tmp.resolve("cli-clone-" + r);
      start = System.nanoTime();
      cli.run(tmp, "clone", "--mirror", "--quiet", url.toString(), gitDir.toString());
      long gitNanos = System.nanoTime() - start;
      if (r >= warmup) {
        jgit[r - warmup] = jgitNanos;
        git[r - warmup] = gitNanos;
      }
      BenchCommand.deleteTree(gitDir);
      if (r == warmup + rounds - 1) {
        Files.move(jgitDir, kept);
      } else {
        BenchCommand.deleteTree(jgitDir);
      }
    }
    rows.add(GitRow.compared("clone (JGit: HostMirror.fetch into a new mirror)", jgit, git));
    return kept;
  }

  private void commitAndPush(List<GitRow> rows, Path mirrorDir)
      throws IOException, GitAPIException {
    Path jgitWork = tmp.resolve("jgit-work");
    Path gitWork = tmp.resolve("cli-work");
    cli.run(tmp, "clone", "--quiet", url.toString(), gitWork.toString());
    long[] jgitCommit = new long[rounds];
    long[] gitCommit = new long[rounds];
    long[] jgitPush = new long[rounds];
    long[] gitPush = new long[rounds];
    try (Git jgit =
            Git.cloneRepository()
                .setURI(url.toString())
                .setDirectory(jgitWork.toFile())
                .setCredentialsProvider(
                    new UsernamePasswordCredentialsProvider("bench", credential.token()))
                .call();
        HostMirror mirror = HostMirror.open(mirrorDir);
        Repository mirrorRepo = Repos.bare(mirrorDir)) {
      for (int r = 0; r < warmup + rounds; r++) {
        List<String> paths = repo.changedPaths(r, changed);
        append(jgitWork, paths, r);
        append(gitWork, paths, r);
        long start = System.nanoTime();
        jgit.add().addFilepattern(".").call();
        jgit.commit().setMessage("Bench round " + r).setAuthor(WHO).setCommitter(WHO).call();
        long jgitCommitNanos = System.nanoTime() - start;
        start = System.nanoTime();
        cli.run(gitWork, "add", "-A");
        cli.run(gitWork, "commit", "--quiet", "-m", "Bench round " + r);
        long gitCommitNanos = System.nanoTime() - start;

        Map<String, String> files = new TreeMap<>();
        for (String path : paths) {
          files.put(path, repo.changed(path, r));
        }
        String branch = "bench/jgit-" + r;
        String commit =
            Repos.commitOn(mirrorRepo, branch, Optional.of(repo.head()), files, "Bench " + r);
        start = System.nanoTime();
        PushResult pushed =
            mirror.push(
                url, commit, branch, Optional.empty(), Optional.of(credential), Proxy.NO_PROXY);
        long jgitPushNanos = System.nanoTime() - start;
        if (!pushed.ok()) {
          throw new CliException("JGit push refused: " + pushed, "bench_git_failed", 1);
        }
        start = System.nanoTime();
        cli.run(gitWork, "push", "--quiet", "origin", "HEAD:refs/heads/bench/cli-" + r);
        long gitPushNanos = System.nanoTime() - start;
        if (r >= warmup) {
          jgitCommit[r - warmup] = jgitCommitNanos;
          gitCommit[r - warmup] = gitCommitNanos;
          jgitPush[r - warmup] = jgitPushNanos;
          gitPush[r - warmup] = gitPushNanos;
        }
      }
    }
    rows.add(
        GitRow.compared(
            "commit " + changed + " changed files (JGit add + commit)", jgitCommit, gitCommit));
    rows.add(GitRow.compared("push a new branch (JGit: HostMirror.push)", jgitPush, gitPush));
  }

  private void pullRequests(List<GitRow> rows, String apiBase, String forgeRepoUrl) {
    Forge forge = Forges.github(RetryPolicy.defaults());
    ForgeConnection connection =
        ForgeConnection.builder(
                URI.create(apiBase), ForgeRepo.parse(forgeRepoUrl), credential.token())
            .build();
    long[] open = new long[rounds];
    long[] again = new long[rounds];
    for (int r = 0; r < warmup + rounds; r++) {
      String head = "bench/jgit-" + r;
      long start = System.nanoTime();
      forge.ensurePullRequest(connection, head, "main", "Bench " + r, "bench", false);
      long t1 = System.nanoTime();
      forge.ensurePullRequest(connection, head, "main", "Bench " + r, "bench", false);
      long t2 = System.nanoTime();
      if (r >= warmup) {
        open[r - warmup] = t1 - start;
        again[r - warmup] = t2 - t1;
      }
    }
    rows.add(GitRow.alone("ensurePullRequest, opens it (GitHub stand-in)", open));
    rows.add(GitRow.alone("ensurePullRequest again, finds it unchanged", again));
  }

  private static void append(Path work, List<String> paths, int round) throws IOException {
    for (String path : paths) {
      Files.writeString(
          work.resolve(path), "// bench round " + round + "\n", StandardOpenOption.APPEND);
    }
  }
}
