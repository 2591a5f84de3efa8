package dev.oncell.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.cli.CliException;
import dev.oncell.forge.testing.FakeGitHub;
import dev.oncell.git.testing.LoopbackGitServer;
import dev.oncell.git.testing.Repos;
import dev.oncell.runtime.CellDefaults;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.HostConfig;
import dev.oncell.runtime.RunError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;

/**
 * What a suite runs on: a real host in a temporary home (the plugin jar deployed to production,
 * cells allowed to reach 127.0.0.1), one loopback git remote whose port also serves a GitHub
 * stand-in, and the model: the replayed answers or the operator's {@code oncell.yaml}. Everything
 * is removed on {@link #close()}.
 */
final class EvalHost implements AutoCloseable {

  /** The forge token of every task's repository: the host holds it, the cell never sees it. */
  static final String TOKEN = "eval-forge-token-0123456789abcdef";

  private final Path tmp;
  final Host host;
  final LoopbackGitServer remote;
  final FakeGitHub github;
  final Optional<ReplayModel> replay;
  final Optional<String> provider;
  final DeploymentInfo deployment;

  private EvalHost(
      Path tmp,
      Host host,
      LoopbackGitServer remote,
      FakeGitHub github,
      Optional<ReplayModel> replay,
      Optional<String> provider,
      DeploymentInfo deployment) {
    this.tmp = tmp;
    this.host = host;
    this.remote = remote;
    this.github = github;
    this.replay = replay;
    this.provider = provider;
    this.deployment = deployment;
  }

  static EvalHost open(Path pluginJar, ModelChoice model, Path operatorConfig, String sandbox)
      throws IOException {
    if (!Files.isRegularFile(pluginJar)) {
      throw new CliException(
          "plugin jar "
              + pluginJar
              + " is missing: build it (mvn -pl plugins -am package)"
              + " or name it with --plugin",
          "invalid_argument",
          2);
    }
    if (model instanceof ModelChoice.Provider && !Files.isRegularFile(operatorConfig)) {
      throw new CliException(
          "--model names a provider of oncell.yaml, but "
              + operatorConfig
              + " is missing"
              + " (name it with --config)",
          "invalid_argument",
          2);
    }
    byte[] jar = Files.readAllBytes(pluginJar);
    Path tmp = Files.createTempDirectory("oncell-eval-");
    ReplayModel replay = null;
    LoopbackGitServer remote = null;
    FakeGitHub github = null;
    Host host = null;
    try {
      Path home = Files.createDirectories(tmp.resolve("home"));
      HostConfig config =
          HostConfig.defaults(home)
              .withEmbeddingModel("none")
              .withCells(CellDefaults.defaults().withEgressAllow(List.of("127.0.0.1")));
      if (!sandbox.isEmpty()) {
        config = config.withSandbox(sandbox);
      }
      Optional<String> provider = Optional.empty();
      switch (model) {
        case ModelChoice.Scripted s -> {
          replay = ReplayModel.start();
          Path yaml = home.resolve("oncell.yaml");
          Files.writeString(yaml, replay.configYaml());
          config = config.withConfigFile(yaml);
        }
        case ModelChoice.Provider p -> {
          config = config.withConfigFile(operatorConfig.toAbsolutePath());
          provider = Optional.of(p.name());
        }
      }
      remote = LoopbackGitServer.start(tmp.resolve("remote"), TOKEN);
      github = FakeGitHub.start();
      remote.withApi(github.handler()); // one host serves the repositories and the forge's API
      host = Host.open(config);
      DeploymentInfo deployment = host.deployments().deploy(jar, "production");
      return new EvalHost(
          tmp, host, remote, github, Optional.ofNullable(replay), provider, deployment);
    } catch (RuntimeException | IOException | Error e) {
      closeAll(host, remote, github, replay, tmp);
      throw e;
    }
  }

  /** A new repository {@code eval/<task>} with {@code files} on {@code main}; its commit. */
  String repository(String task, Map<String, String> files) {
    String name = repoName(task);
    github.repo(name).token(TOKEN, true);
    try (Repository repo = remote.create(name)) {
      return Repos.commit(repo, "main", files, "the task's repository");
    }
  }

  static String repoName(String task) {
    return "eval/" + task;
  }

  /**
   * Creates the task's customer (its config: the repository, the forge, the provider if one is
   * named, then the task's own keys) and waits for the agent's setup.
   *
   * @return the setup's error, empty when the cell is ready
   */
  Optional<RunError> customer(String id, String task, JsonNode extra) {
    host.gitCredentials().set(id, remote.host(), Optional.empty(), TOKEN);
    ObjectNode config = Suite.JSON.createObjectNode();
    config.put("repoUrl", remote.url(repoName(task)).toString());
    config.putObject("forge").put("kind", "github").put("apiBase", remote.baseUrl());
    provider.ifPresent(p -> config.put("model", p));
    extra.properties().forEach(e -> config.set(e.getKey(), e.getValue()));
    CellInfo created =
        host.cells()
            .create(new Cells.NewCell(id, config, Optional.of(deployment.agent()), "production"));
    created.setupRunId().ifPresent(run -> host.runs().await(run));
    CellInfo info = host.cells().find(id).orElseThrow();
    if (info.state() == CellState.FAILED) {
      return Optional.of(info.error().orElse(new RunError("setup_failed", "no error recorded")));
    }
    return Optional.empty();
  }

  /** Tokens the customer's {@code ctx.llm} calls spent, as the host's usage meter counts them. */
  long tokens(String id) {
    return host.usage().customer(id).totalTokens();
  }

  void delete(String id) {
    if (host.cells().find(id).isPresent()) {
      host.cells().delete(id);
    }
  }

  @Override
  public void close() {
    closeAll(host, remote, github, replay.orElse(null), tmp);
  }

  private static void closeAll(
      Host host, LoopbackGitServer remote, FakeGitHub github, ReplayModel replay, Path tmp) {
    for (AutoCloseable c : new AutoCloseable[] {host, remote, github, replay}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing the rest matters more
        }
      }
    }
    try (Stream<Path> walk = Files.walk(tmp)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + tmp, e);
    }
  }
}
