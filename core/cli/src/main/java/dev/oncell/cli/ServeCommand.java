package dev.oncell.cli;

import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.HostConfig;
import dev.oncell.search.Embedders;
import dev.oncell.server.OncellServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oncell serve}: the host and its HTTP API, in the foreground until SIGINT/SIGTERM. */
@Command(
    name = "serve",
    description = {
      "Start the oncell server.",
      "State lives in ONCELL_HOME (default ~/.oncell). Without ONCELL_API_KEY, an operator key is"
          + " generated on the first start, saved to ONCELL_HOME/operator.key (mode 600) and"
          + " printed once."
    })
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

  /** Quiets libraries that are chatty at INFO; held here so the settings are not collected. */
  private static final Logger[] QUIET =
      new Logger[] {
        Logger.getLogger("org.flywaydb"),
        Logger.getLogger("io.helidon"),
        Logger.getLogger("org.pf4j"),
        Logger.getLogger("org.apache.lucene"),
        Logger.getLogger("ai.djl")
      };

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      description = "Port to listen on (env ONCELL_PORT; default 8080; 0 picks a free one).")
  Optional<Integer> port;

  @Option(names = "--host", description = "Address to bind (env ONCELL_BIND; default 127.0.0.1).")
  Optional<String> bind;

  @Option(names = "--home", description = "State folder (env ONCELL_HOME; default ~/.oncell).")
  Optional<Path> home;

  @Option(
      names = "--sandbox",
      description = "Sandbox backend: bubblewrap or none (env ONCELL_SANDBOX; default bubblewrap).")
  Optional<String> sandbox;

  @Option(
      names = "--max-body-bytes",
      description = "Largest request body accepted (env ONCELL_MAX_BODY_BYTES; default 16 MiB).")
  Optional<Long> maxBodyBytes;

  @Option(
      names = "--embedding-model",
      description =
          "In-process model for semantic code search, or none for keyword-only indexes"
              + " (env ONCELL_EMBEDDING_MODEL; default all-minilm-l6-v2).")
  Optional<String> embeddingModel;

  @Option(
      names = "--config",
      description =
          "The server's config file, whose llm section sets up LLM providers (env ONCELL_CONFIG;"
              + " default ONCELL_HOME/oncell.yaml).")
  Optional<Path> configFile;

  @Option(
      names = "--no-examples",
      description =
          "Do not deploy the example agents the ./oncell launcher names in ONCELL_EXAMPLE_AGENTS.")
  boolean noExamples;

  @Override
  public Integer call() throws Exception {
    CliEnvironment env = Main.environment(spec);
    for (Logger logger : QUIET) {
      logger.setLevel(Level.WARNING);
    }
    PrintWriter out = spec.commandLine().getOut();
    Path stateHome = home.orElse(env.oncellHome());
    HostConfig config =
        HostConfig.defaults(stateHome)
            .withSandbox(sandbox.or(() -> env.variable("ONCELL_SANDBOX")).orElse("bubblewrap"))
            .withEmbeddingModel(
                embeddingModel
                    .or(() -> env.variable("ONCELL_EMBEDDING_MODEL"))
                    .orElse(Embedders.STANDARD));
    Optional<Path> file = configFile.or(() -> env.variable("ONCELL_CONFIG").map(Path::of));
    if (file.isPresent()) {
      if (!Files.isRegularFile(file.get())) {
        throw new CliException(
            "no config file at " + file.get(), "config_not_found", ErrorHandler.USAGE_ERROR);
      }
      config = config.withConfigFile(file.get());
    }
    int listenPort =
        port.or(() -> env.variable("ONCELL_PORT").map(ServeCommand::parsePort)).orElse(8080);
    Host host = Host.open(config);
    OncellServer server;
    try {
      Optional<String> generated =
          host.apiKeys().bootstrapOperatorKey(env.variable("ONCELL_API_KEY"));
      if (!noExamples) {
        deployExamples(env, host, out);
      }
      server =
          OncellServer.builder(host)
              .bindAddress(bind.or(() -> env.variable("ONCELL_BIND")).orElse("127.0.0.1"))
              .port(listenPort)
              .maxBodyBytes(
                  maxBodyBytes
                      .or(() -> env.variable("ONCELL_MAX_BODY_BYTES").map(Long::parseLong))
                      .orElse(16L << 20))
              .build()
              .start();
      out.printf(
          "oncell %s listening on %s (home %s, sandbox %s)%n",
          spec.root().version()[0], server.url(), stateHome, host.sandboxBackend());
      if (generated.isPresent()) {
        out.printf(
            "operator key (shown once; also in %s): %s%n",
            stateHome.resolve("operator.key"), generated.get());
      } else if (env.variable("ONCELL_API_KEY").isEmpty()) {
        out.printf("operator key: in %s%n", stateHome.resolve("operator.key"));
      }
      out.flush();
    } catch (RuntimeException e) {
      host.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("oncell-shutdown")
                .unstarted(
                    () -> {
                      server.close();
                      host.close();
                      stopped.countDown();
                    }));
    stopped.await();
    return 0;
  }

  /**
   * Deploys the example agents (jar paths in {@code ONCELL_EXAMPLE_AGENTS}, separated by {@code :})
   * to production, so that a fresh server has an agent to try. The same jar twice is a no-op.
   */
  private static void deployExamples(CliEnvironment env, Host host, PrintWriter out) {
    for (String path : env.variable("ONCELL_EXAMPLE_AGENTS").orElse("").split(":")) {
      if (path.isBlank()) {
        continue;
      }
      Path jar = Path.of(path);
      try {
        DeploymentInfo d = host.deployments().deploy(Files.readAllBytes(jar), "production");
        out.printf("example agent %s %s active in production%n", d.agent(), d.version());
      } catch (IOException | RuntimeException e) {
        out.printf("example agent %s not deployed: %s%n", jar.getFileName(), e.getMessage());
      }
    }
  }

  private static int parsePort(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new CliException(
          "ONCELL_PORT must be a number, not '" + value + "'", "invalid_port", 2);
    }
  }
}
