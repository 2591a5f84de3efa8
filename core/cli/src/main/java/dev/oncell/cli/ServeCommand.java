package dev.oncell.cli;

import dev.oncell.runtime.CellDefaults;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.HostConfig;
import dev.oncell.runtime.SearchLimits;
import dev.oncell.search.Embedders;
import dev.oncell.server.OncellServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
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
      description =
          "Default sandbox backend of deployments that name none: auto (the strongest that works"
              + " here: gvisor, then bubblewrap), gvisor, bubblewrap or none (env ONCELL_SANDBOX;"
              + " default auto).")
  Optional<String> sandbox;

  @Option(
      names = "--idle-timeout",
      paramLabel = "DURATION",
      description =
          "Pause cells without an agent after this long without calls; an agent's cells use its"
              + " spec's idleTimeout (env ONCELL_IDLE_TIMEOUT; default 30m; 90s, 30m, 2h or"
              + " PT30M).")
  Optional<String> idleTimeout;

  @Option(
      names = "--search-timeout",
      paramLabel = "DURATION",
      description =
          "Stop a code search or grep after this long and answer search_timeout (env"
              + " ONCELL_SEARCH_TIMEOUT; default 10s).")
  Optional<String> searchTimeout;

  @Option(
      names = "--idle-check-interval",
      paramLabel = "DURATION",
      description =
          "How often to look for idle cells (env ONCELL_IDLE_CHECK_INTERVAL; default 30s).")
  Optional<String> idleCheckInterval;

  @Option(
      names = "--max-processes",
      paramLabel = "N",
      description = "Processes a cell may run at once (env ONCELL_MAX_PROCESSES; default 1024).")
  Optional<Integer> maxProcesses;

  @Option(
      names = "--disk-quota",
      paramLabel = "true|false",
      arity = "0..1",
      fallbackValue = "true",
      description =
          "Enforce an agent's storage as a disk quota on its cells' /work (env"
              + " ONCELL_DISK_QUOTA; default false).")
  Optional<Boolean> diskQuota;

  @Option(
      names = "--egress-allow",
      split = ",",
      paramLabel = "HOST",
      description =
          "Hosts every cell whose agent allows egress may also reach, such as your own forge;"
              + " for a cell whose agent blocks egress, the hosts the server may fetch its"
              + " repository from, read-only (comma-separated, as in CellSpec.Network.allow; env"
              + " ONCELL_EGRESS_ALLOW).")
  List<String> egressAllow;

  @Option(
      names = "--lsp-origin",
      split = ",",
      paramLabel = "ORIGIN",
      description =
          "Browser pages that may open the language server's WebSocket, by origin, such as"
              + " https://ide.example.com (comma-separated; env ONCELL_LSP_ORIGINS; default: only"
              + " pages of this server's own host and port).")
  List<String> lspOrigins;

  @Option(
      names = "--max-body-bytes",
      description = "Largest request body accepted (env ONCELL_MAX_BODY_BYTES; default 16 MiB).")
  Optional<Long> maxBodyBytes;

  @Option(
      names = "--header-timeout",
      paramLabel = "DURATION",
      description =
          "How long a client may take to send a request line and headers; slower connections are"
              + " closed (env ONCELL_HEADER_TIMEOUT; default 10s).")
  Optional<String> headerTimeout;

  @Option(
      names = "--body-timeout",
      paramLabel = "DURATION",
      description =
          "How long a client may take to send a request body; raise it for large uploads over"
              + " slow links (env ONCELL_BODY_TIMEOUT; default 60s).")
  Optional<String> bodyTimeout;

  @Option(
      names = "--keep-alive-timeout",
      paramLabel = "DURATION",
      description =
          "How long an idle kept-alive connection stays open (env ONCELL_KEEP_ALIVE_TIMEOUT;"
              + " default 60s).")
  Optional<String> keepAliveTimeout;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description =
          "Open connections at once; at the limit the oldest idle one is closed (env"
              + " ONCELL_MAX_CONNECTIONS; default 1000; 0 for no limit).")
  Optional<Integer> maxConnections;

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
            .withSandbox(sandbox.or(() -> env.variable("ONCELL_SANDBOX")).orElse("auto"))
            .withCells(cellDefaults(env))
            .withSearch(searchLimits(env))
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
    UnaryOperator<OncellServer.Builder> limits = connectionLimits(env);
    Host host = Host.open(config);
    OncellServer server;
    try {
      Optional<String> generated =
          host.apiKeys().bootstrapOperatorKey(env.variable("ONCELL_API_KEY"));
      if (!noExamples) {
        deployExamples(env, host, out);
      }
      server =
          limits
              .apply(
                  OncellServer.builder(host)
                      .bindAddress(bind.or(() -> env.variable("ONCELL_BIND")).orElse("127.0.0.1"))
                      .port(listenPort)
                      .maxBodyBytes(
                          maxBodyBytes
                              .or(() -> env.variable("ONCELL_MAX_BODY_BYTES").map(Long::parseLong))
                              .orElse(16L << 20))
                      .lsp(LspOverWebSocket.sessions()))
              .build()
              .start();
      // One line per deployed agent, before the listening line that launchers wait for.
      for (DeploymentInfo d : host.deployments().list()) {
        if (d.active()) {
          out.printf(
              "agent %s %s (%s): cells run in %s%n",
              d.agent(), d.version(), d.env(), backendOf(host, d));
        }
      }
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

  private static String backendOf(Host host, DeploymentInfo d) {
    try {
      return host.deployments().sandboxOf(d);
    } catch (RuntimeException e) {
      return d.sandbox().orElse("the default") + ", which cannot run here: " + e.getMessage();
    }
  }

  /**
   * The timeouts and connection cap of {@code --header-timeout} and its siblings, and the origins
   * of {@code --lsp-origin}, checked.
   */
  private UnaryOperator<OncellServer.Builder> connectionLimits(CliEnvironment env) {
    Optional<Duration> header =
        headerTimeout
            .or(() -> env.variable("ONCELL_HEADER_TIMEOUT"))
            .map(v -> positive("header timeout", v));
    Optional<Duration> body =
        bodyTimeout
            .or(() -> env.variable("ONCELL_BODY_TIMEOUT"))
            .map(v -> positive("body timeout", v));
    Optional<Duration> idle =
        keepAliveTimeout
            .or(() -> env.variable("ONCELL_KEEP_ALIVE_TIMEOUT"))
            .map(v -> positive("keep-alive timeout", v));
    Optional<Integer> connections =
        maxConnections.or(
            () ->
                env.variable("ONCELL_MAX_CONNECTIONS")
                    .map(v -> parseInt("ONCELL_MAX_CONNECTIONS", v)));
    if (connections.isPresent() && connections.get() < 0) {
      throw new CliException(
          "max connections must be 0 (no limit) or more, not " + connections.get(),
          "invalid_option",
          ErrorHandler.USAGE_ERROR);
    }
    List<String> origins =
        lspOrigins != null
            ? lspOrigins
            : env.variable("ONCELL_LSP_ORIGINS")
                .map(v -> java.util.Arrays.stream(v.split(",")).map(String::strip).toList())
                .orElse(List.of());
    java.util.Set<String> allowedOrigins = new java.util.TreeSet<>();
    for (String origin : origins) {
      if (!origin.isEmpty()) {
        allowedOrigins.add(origin);
      }
    }
    try {
      OncellServer.Builder.checkOrigins(allowedOrigins);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), "invalid_option", ErrorHandler.USAGE_ERROR);
    }
    return builder -> {
      if (!allowedOrigins.isEmpty()) {
        builder.lspAllowedOrigins(allowedOrigins);
      }
      header.ifPresent(builder::headerTimeout);
      body.ifPresent(builder::bodyTimeout);
      idle.ifPresent(builder::idleTimeout);
      connections.ifPresent(builder::maxConnections);
      return builder;
    };
  }

  private static Duration positive(String what, String text) {
    Duration value = Durations.parse(what, text);
    if (value.isZero() || value.isNegative()) {
      throw new CliException(
          what + " must be positive, not '" + text + "'",
          "invalid_option",
          ErrorHandler.USAGE_ERROR);
    }
    return value;
  }

  private CellDefaults cellDefaults(CliEnvironment env) {
    try {
      return readCellDefaults(env);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), "invalid_option", ErrorHandler.USAGE_ERROR);
    }
  }

  private SearchLimits searchLimits(CliEnvironment env) {
    SearchLimits limits = SearchLimits.defaults();
    Optional<String> timeout = searchTimeout.or(() -> env.variable("ONCELL_SEARCH_TIMEOUT"));
    if (timeout.isEmpty()) {
      return limits;
    }
    try {
      return limits.withTimeout(Durations.parse("search timeout", timeout.get()));
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), "invalid_option", ErrorHandler.USAGE_ERROR);
    }
  }

  private CellDefaults readCellDefaults(CliEnvironment env) {
    CellDefaults defaults = CellDefaults.defaults();
    Optional<String> idle = idleTimeout.or(() -> env.variable("ONCELL_IDLE_TIMEOUT"));
    if (idle.isPresent()) {
      defaults = defaults.withIdleTimeout(Durations.parse("idle timeout", idle.get()));
    }
    Optional<String> check = idleCheckInterval.or(() -> env.variable("ONCELL_IDLE_CHECK_INTERVAL"));
    if (check.isPresent()) {
      defaults =
          defaults.withIdleCheckInterval(Durations.parse("idle check interval", check.get()));
    }
    Optional<Integer> processes =
        maxProcesses.or(
            () ->
                env.variable("ONCELL_MAX_PROCESSES").map(v -> parseInt("ONCELL_MAX_PROCESSES", v)));
    if (processes.isPresent()) {
      defaults = defaults.withMaxProcesses(processes.get());
    }
    Optional<Boolean> quota =
        diskQuota.or(() -> env.variable("ONCELL_DISK_QUOTA").map(ServeCommand::parseBoolean));
    if (quota.isPresent()) {
      defaults = defaults.withDiskQuota(quota.get());
    }
    List<String> allow =
        egressAllow != null
            ? egressAllow
            : env.variable("ONCELL_EGRESS_ALLOW")
                .map(
                    v ->
                        java.util.Arrays.stream(v.split(","))
                            .map(String::strip)
                            .filter(e -> !e.isEmpty())
                            .toList())
                .orElse(List.of());
    if (!allow.isEmpty()) {
      try {
        defaults = defaults.withEgressAllow(allow);
      } catch (IllegalArgumentException e) {
        throw new CliException(
            "--egress-allow: " + e.getMessage(), "invalid_option", ErrorHandler.USAGE_ERROR);
      }
    }
    return defaults;
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new CliException(
          name + " must be a number, not '" + value + "'",
          "invalid_option",
          ErrorHandler.USAGE_ERROR);
    }
  }

  private static boolean parseBoolean(String value) {
    return switch (value) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default ->
          throw new CliException(
              "ONCELL_DISK_QUOTA must be true or false, not '" + value + "'",
              "invalid_option",
              ErrorHandler.USAGE_ERROR);
    };
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
