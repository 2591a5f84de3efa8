package dev.oncell.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oncell.agent.Agent;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.HostConfig;
import dev.oncell.runtime.RunError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs one agent in a real embedded host for the tests of a class: real H2 files, the real sandbox,
 * the agent loaded by PF4J from a plugin jar built from its compiled classes and deployed to
 * production.
 *
 * <pre>{@code
 * @RegisterExtension static final OncellTestKit kit = OncellTestKit.forAgent(MyAgent.class);
 *
 * @Test void answers() {
 *   TestCell acme = kit.customer("acme");
 *   assertThat(acme.call("hello", new Greeting("world")).asText()).isEqualTo("hello world");
 * }
 * }</pre>
 *
 * <p>The host opens before the class's first test in a temporary {@code ONCELL_HOME} and is closed
 * and removed after its last. Customers made during a test are deleted after it, so every test can
 * use the same ids.
 */
public final class OncellTestKit
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final Class<? extends Agent> agentClass;
  private final UnaryOperator<HostConfig> configure;
  private final List<String> madeInTest = new ArrayList<>();
  private Path home;
  private Host host;
  private DeploymentInfo deployment;
  private boolean inTest;
  private int openedBy; // test classes in progress: a @Nested class shares its outer class's host

  private OncellTestKit(Class<? extends Agent> agentClass, UnaryOperator<HostConfig> configure) {
    this.agentClass = agentClass;
    this.configure = configure;
  }

  /** A kit for {@code agent}, on a host with {@link HostConfig#defaults} (bubblewrap). */
  public static OncellTestKit forAgent(Class<? extends Agent> agent) {
    return new OncellTestKit(Objects.requireNonNull(agent, "agent"), UnaryOperator.identity());
  }

  /**
   * The same kit on a host configured by {@code change}, applied to the defaults for the kit's
   * temporary home: {@code kit.withHostConfig(c -> c.withRunTimeout(Duration.ofSeconds(10)))}.
   */
  public OncellTestKit withHostConfig(UnaryOperator<HostConfig> change) {
    Objects.requireNonNull(change, "change");
    return new OncellTestKit(agentClass, c -> change.apply(configure.apply(c)));
  }

  /**
   * The same kit with {@code ctx.llm} routed to {@code model}: the host's {@code oncell.yaml} (in
   * the kit's home) names it as provider {@code openai} and {@code local}.
   */
  public OncellTestKit withModel(ScriptedModel model) {
    Objects.requireNonNull(model, "model");
    return withHostConfig(
        c -> {
          Path file = c.home().resolve("oncell.yaml");
          try {
            Files.writeString(file, model.configYaml());
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
          }
          return c.withConfigFile(file);
        });
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (openedBy++ > 0) {
      return;
    }
    home = Files.createTempDirectory("oncell-testkit-");
    try {
      HostConfig config = configure.apply(HostConfig.defaults(home));
      if (!config.home().equals(home.toAbsolutePath().normalize())) {
        throw new ExtensionConfigurationException(
            "withHostConfig must keep the kit's temporary home " + home);
      }
      host = Host.open(config);
      deployment = host.deployments().deploy(AgentJar.of(agentClass, pluginId()), "production");
    } catch (RuntimeException | Error e) {
      try {
        afterAll(context);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (host == null) {
      throw new ExtensionConfigurationException(
          "register OncellTestKit in a static field: @RegisterExtension static final"
              + " OncellTestKit kit = OncellTestKit.forAgent(...)");
    }
    inTest = true;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    inTest = false;
    List<String> ids = List.copyOf(madeInTest);
    madeInTest.clear();
    for (String id : ids) {
      if (host.cells().find(id).isPresent()) {
        host.cells().delete(id);
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (--openedBy > 0) {
      return;
    }
    try {
      if (host != null) {
        host.close();
      }
    } finally {
      host = null;
      deployment = null;
      if (home != null) {
        deleteRecursively(home);
        home = null;
      }
    }
  }

  /** The embedded host, for what {@link TestCell} does not cover (deployments, runs, keys). */
  public Host host() {
    return started();
  }

  /** The deployment of the agent under test: its agent name, methods and sha256. */
  public DeploymentInfo deployment() {
    started();
    return deployment;
  }

  /** A new customer of the agent with an empty config; see {@link #customer(String, JsonNode)}. */
  public TestCell customer(String id) {
    return customer(id, JsonNodeFactory.instance.objectNode());
  }

  /**
   * Creates customer {@code id} of the agent with {@code config}, waits for the agent's setup and
   * returns its cell.
   *
   * @throws AssertionError with the setup's error when the setup failed
   */
  public TestCell customer(String id, JsonNode config) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(config, "config");
    Host h = started();
    CellInfo created =
        h.cells()
            .create(new Cells.NewCell(id, config, Optional.of(deployment.agent()), "production"));
    if (inTest) {
      madeInTest.add(id);
    }
    created.setupRunId().ifPresent(runId -> h.runs().await(runId));
    CellInfo info = h.cells().find(id).orElseThrow();
    if (info.state() == CellState.FAILED) {
      RunError error = info.error().orElse(new RunError("unknown", "no error recorded"));
      throw new AssertionError(
          "setup of customer "
              + id
              + " failed: "
              + error.code()
              + ": "
              + error.message()
              + info.setupRunId().map(r -> " (run " + r + ")").orElse(""));
    }
    return new TestCell(h, id);
  }

  private Host started() {
    if (host == null) {
      throw new IllegalStateException(
          "the kit's host is not open: register the kit with @RegisterExtension in a static"
              + " field and use it inside the test class");
    }
    return host;
  }

  /** The plugin id of a jar built from classes: the agent's name, as {@code name()} says. */
  private String pluginId() {
    try {
      return agentClass.getDeclaredConstructor().newInstance().name();
    } catch (NoSuchMethodException
        | InstantiationException
        | IllegalAccessException
        | InvocationTargetException e) {
      throw new ExtensionConfigurationException(
          agentClass.getName() + " needs a public no-argument constructor, as PF4J does", e);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot remove " + p, e);
        }
      }
    }
  }
}
