package dev.oncell.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.oncell.bench.GitBenchCommand.GitRow;
import dev.oncell.bench.GitHistory.Generated;
import dev.oncell.cli.CliException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The same work through a real host and cell, as an agent does it: {@link BenchGitAgent} deployed
 * as a plugin, the customer's token stored with the host (never in the cell), the cell's egress
 * allowing 127.0.0.1. Clone is {@code ctx.git().clone} into a new cell's {@code /work} (the host
 * fetches the mirror, the cell's git clones it through the relay and checks it out); commit is
 * {@code addAll} + {@code commit} by the sandbox's git; push goes through the relay to the host,
 * which pushes upstream with a lease; and the journal's cost per step is no-op steps against the
 * same work bare. Every Context call is a journaled step, so these rows include the journal.
 */
final class CellGitRounds {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Host host;
  private final String token;
  private final Generated repo;
  private final int warmup;
  private final int rounds;
  private final int changed;

  CellGitRounds(Host host, String token, Generated repo, int warmup, int rounds, int changed) {
    this.host = host;
    this.token = token;
    this.repo = repo;
    this.warmup = warmup;
    this.rounds = rounds;
    this.changed = changed;
  }

  /** The rows; {@code host} rows (same order as {@link HostGitRounds}) give the CLI's columns. */
  List<GitRow> run(
      String repoUrl, String forgeRepoUrl, String apiBase, List<GitRow> hostRows, int steps) {
    host.deployments()
        .deploy(PluginJars.plugin("oncell-bench-git", "1.0.0", BenchGitAgent.class), "production");
    // A real forge serves git and its API on one host; the stand-ins listen on two ports, and the
    // host sends a credential only to the host of the configured repository. So the config names
    // the forge's repository (for ctx.pullRequests()) and the clone names the git server's.
    ObjectNode config = JSON.createObjectNode().put("repoUrl", forgeRepoUrl);
    config.putObject("forge").put("kind", "github").put("apiBase", apiBase);
    long[] clone = new long[rounds];
    String cell = "";
    for (int r = 0; r < warmup + rounds; r++) {
      if (!cell.isEmpty()) {
        host.cells().delete(cell);
      }
      cell = "bench-git-" + r;
      host.gitCredentials().set(cell, "127.0.0.1", Optional.empty(), token);
      CellInfo info =
          host.cells()
              .create(new Cells.NewCell(cell, config, Optional.of("bench-git"), "production"));
      info.setupRunId().ifPresent(id -> host.runs().await(id));
      long nanos = call(cell, "cloneRepo", TextNode.valueOf(repoUrl)).asLong();
      if (r >= warmup) {
        clone[r - warmup] = nanos;
      }
    }
    long[] commit = new long[rounds];
    long[] push = new long[rounds];
    long[] ensure = new long[rounds];
    long[] again = new long[rounds];
    for (int r = 0; r < warmup + rounds; r++) {
      ObjectNode round = JSON.createObjectNode().put("branch", "bench/cell-" + r);
      repo.changedPaths(r, changed).forEach(round.putArray("paths")::add);
      JsonNode t = call(cell, "change", round);
      if (r >= warmup) {
        commit[r - warmup] = t.path("commit").asLong();
        push[r - warmup] = t.path("push").asLong();
        ensure[r - warmup] = t.path("ensure").asLong();
        again[r - warmup] = t.path("ensureAgain").asLong();
      }
    }
    JsonNode measured = call(cell, "steps", IntNode.valueOf(steps));
    List<GitRow> rows = new ArrayList<>();
    rows.add(hostRows.get(0).through("clone: ctx.git().clone into a new cell", clone));
    rows.add(hostRows.get(1).through("commit: ctx.git() addAll + commit", commit));
    rows.add(hostRows.get(2).through("push: ctx.git().push (relay, then upstream)", push));
    rows.add(GitRow.alone("ctx.pullRequests().ensure, opens it", ensure));
    rows.add(GitRow.alone("ctx.pullRequests().ensure again", again));
    rows.add(GitRow.alone("no-op ctx.step, journaled (synced)", nanos(measured.path("journaled"))));
    rows.add(GitRow.alone("the same work, not journaled", nanos(measured.path("bare"))));
    host.cells().delete(cell);
    return rows;
  }

  private JsonNode call(String cell, String method, JsonNode input) {
    RunInfo run = host.runs().await(host.runs().start(cell, method, input, Optional.empty()).id());
    if (run.status() != RunStatus.SUCCEEDED) {
      throw new CliException(
          "bench-git "
              + method
              + " in a cell: "
              + run.error().map(e -> e.code() + ": " + e.message()).orElse(run.status().toString()),
          "bench_git_failed",
          1);
    }
    return run.result().orElseThrow();
  }

  private static long[] nanos(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }
}
