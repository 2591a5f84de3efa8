package dev.oncell.bench;

import dev.oncell.bench.GitHistory.Generated;
import dev.oncell.cli.CliException;
import dev.oncell.cli.Table;
import dev.oncell.forge.testing.FakeGitHub;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.HostConfig;
import dev.oncell.sandbox.SandboxBackend;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oncell bench git}: git through oncell against the {@code git} command line. A generated
 * repository ({@link GitHistory}) is served over smart HTTP on loopback ({@link LoopbackGitServer},
 * token required), pull requests go to a GitHub stand-in ({@link FakeGitHub}); {@link
 * HostGitRounds} compares JGit on the host with the CLI, {@link CellGitRounds} does the same work
 * through a real host and cell and measures the journal's cost per step.
 */
@Command(
    name = "git",
    description = {
      "Measure clone, commit, push and ensurePullRequest: JGit and ctx.git() against the git CLI,",
      "on a generated repository served on loopback; and the journal's overhead per step."
    })
final class GitBenchCommand implements Callable<Integer> {

  /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
  private static final List<Logger> QUIET =
      List.of(
          Logger.getLogger("org.flywaydb"),
          Logger.getLogger("io.helidon"),
          Logger.getLogger("org.pf4j"),
          Logger.getLogger("org.eclipse.jgit"),
          Logger.getLogger("dev.oncell"));

  private static final String TOKEN = "bench-git-token-0123456789";
  private static final String REPO = "acme/bench";

  @Spec CommandSpec spec;

  @Option(names = "--files", defaultValue = "5000", description = "Files (default 5000).")
  int files;

  @Option(names = "--commits", defaultValue = "2000", description = "Commits (default 2000).")
  int commits;

  @Option(names = "--rounds", defaultValue = "10", description = "Timed rounds (default 10).")
  int rounds;

  @Option(names = "--warmup", defaultValue = "1", description = "Untimed rounds first (1).")
  int warmup;

  @Option(
      names = "--changed",
      defaultValue = "100",
      description = "Files changed by each commit (default 100).")
  int changed;

  @Option(
      names = "--steps",
      defaultValue = "1000",
      description = "No-op steps for the journal's overhead (default 1000).")
  int steps;

  @Option(
      names = "--sandbox",
      defaultValue = "bubblewrap",
      description = "Sandbox backend of the cell (default bubblewrap).")
  String sandbox;

  @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default 42).")
  long seed;

  /** One row: oncell's timings, and the CLI's for the same work when there is such a thing. */
  record GitRow(String name, Latencies oncell, Optional<Latencies> cli) {

    static GitRow compared(String name, long[] oncell, long[] cli) {
      return new GitRow(name, Latencies.of(oncell), Optional.of(Latencies.of(cli)));
    }

    static GitRow alone(String name, long[] oncell) {
      return new GitRow(name, Latencies.of(oncell), Optional.empty());
    }

    /** A row for the same work done another way, against this row's CLI timings. */
    GitRow through(String name, long[] oncell) {
      return new GitRow(name, Latencies.of(oncell), cli);
    }

    String[] cells() {
      String none = "-";
      return new String[] {
        name,
        String.valueOf(oncell.count()),
        ms(oncell.p50()),
        ms(oncell.p99()),
        cli.map(c -> ms(c.p50())).orElse(none),
        cli.map(c -> ms(c.p99())).orElse(none),
        cli.map(c -> String.format("%.2fx", oncell.p50() / c.p50())).orElse(none)
      };
    }

    private static String ms(double value) {
      return value >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (files < 1 || commits < 1 || rounds < 1 || warmup < 0 || steps < 1 || changed < 1) {
      throw new CliException(
          "--files, --commits, --rounds, --changed and --steps must be positive, --warmup not"
              + " negative",
          "invalid_argument",
          2);
    }
    if (changed > files) {
      throw new CliException("--changed must be at most --files", "invalid_argument", 2);
    }
    if (!SandboxBackend.names().contains(sandbox)) {
      throw new CliException(
          "--sandbox: unknown backend '" + sandbox + "'; choose from " + SandboxBackend.names(),
          "invalid_argument",
          2);
    }
    if (!GitCli.available()) {
      throw new CliException(
          "bench git compares with the git command line: install git", "git_missing", 1);
    }
    QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
    PrintWriter out = spec.commandLine().getOut();
    String loadBefore = loadAverage();
    Path tmp = Files.createTempDirectory("oncell-bench-git-");
    try {
      Path remotes = tmp.resolve("remote");
      long start = System.nanoTime();
      Generated repo = GitHistory.generate(remotes.resolve(REPO + ".git"), seed, files, commits);
      double generated = (System.nanoTime() - start) / 1e9;
      List<GitRow> rows = new ArrayList<>();
      try (LoopbackGitServer server = LoopbackGitServer.start(remotes, TOKEN);
          FakeGitHub github = FakeGitHub.start()) {
        github.repo(REPO).token(TOKEN, true);
        String repoUrl = server.baseUrl() + "/" + REPO + ".git";
        Path work = Files.createDirectories(tmp.resolve("host"));
        rows.addAll(
            new HostGitRounds(work, server.url(REPO), TOKEN, repo, warmup, rounds, changed)
                .run(github.apiBase(), github.repoUrl(REPO)));
        Path home = Files.createDirectories(tmp.resolve("oncell-home"));
        try (Host host =
            Host.open(HostConfig.defaults(home).withSandbox(sandbox).withEmbeddingModel("none"))) {
          rows.addAll(
              new CellGitRounds(host, TOKEN, repo, warmup, rounds, changed)
                  .run(repoUrl, github.repoUrl(REPO), github.apiBase(), rows, steps));
        }
      }
      print(out, repo, generated, rows, loadBefore);
    } finally {
      BenchCommand.deleteTree(tmp);
    }
    return 0;
  }

  private void print(
      PrintWriter out, Generated repo, double generated, List<GitRow> rows, String loadBefore) {
    out.printf(
        "oncell bench git: %d files (%.1f MB), %d commits (generated and packed in %.1f s),"
            + " %d rounds after %d warm-up, %d files changed a commit, sandbox %s%n",
        files, repo.bytes() / 1e6, commits, generated, rounds, warmup, changed, sandbox);
    out.printf(
        "%d cores, Java %s, load average %s before, %s after (1, 5, 15 min)%n%n",
        Runtime.getRuntime().availableProcessors(), Runtime.version(), loadBefore, loadAverage());
    Table table =
        Table.of(
            "OPERATION",
            "ROUNDS",
            "P50 MS",
            "P99 MS",
            "GIT CLI P50",
            "GIT CLI P99",
            "VS CLI (P50)");
    rows.forEach(row -> table.row((Object[]) row.cells()));
    table.print(out);
    GitRow journaled = rows.get(rows.size() - 2);
    GitRow bare = rows.get(rows.size() - 1);
    out.printf(
        "%njournal overhead per step (choke point + journal append + sync): p50 %.3f ms,"
            + " mean %.3f ms (goal < 1 ms)%n",
        journaled.oncell().p50() - bare.oncell().p50(),
        journaled.oncell().mean() - bare.oncell().mean());
    out.printf(
        "JGit vs git CLI at p50 (goal <= 1.5x): clone %s, commit %s%n",
        rows.get(0).cells()[6], rows.get(1).cells()[6]);
    out.flush();
  }

  /** The first three fields of {@code /proc/loadavg}, or "unknown" off Linux. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
      return String.join(" ", fields[0], fields[1], fields[2]);
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
