package dev.oncell.runtime.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.internal.DefaultHost;
import dev.oncell.runtime.internal.cell.LiveCell;
import dev.oncell.runtime.internal.journal.JournalFile;
import dev.oncell.runtime.internal.journal.StepFailures;
import dev.oncell.runtime.internal.plugins.AgentPlugin;
import dev.oncell.runtime.internal.store.RunStore;
import dev.oncell.runtime.testagents.DurableAgent;
import dev.oncell.runtime.testagents.ForgeAgent;
import dev.oncell.runtime.testagents.PlannerAgent;
import dev.oncell.runtime.testagents.PluginForgeAgent;
import dev.oncell.runtime.testagents.ProgressAgent;
import dev.oncell.runtime.testagents.StaticForge;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays journals recorded by earlier versions against today's agent and runtime, executing
 * nothing: a change to the journal format, the hashing of requests or the numbering of steps that
 * would break the recovery of runs already on disk fails this test.
 */
class RecordedJournalReplayTest {

  @RegisterExtension final TestHost oncell = TestHost.create();

  /** Where the recorded journal is copied, outside the home. */
  @TempDir Path tmp;

  private Host host;
  private AgentPlugin plugin;
  private LiveCell cell;

  @BeforeEach
  void open() {
    host = oncell.open();
    host.deployments()
        .deploy(PluginJars.plugin("durable", "1.0.0", DurableAgent.class), "production");
    host.cells()
        .create(
            new Cells.NewCell(
                "acme", JsonNodeFactory.instance.objectNode(), Optional.empty(), "production"));
    DefaultHost internals = (DefaultHost) host;
    cell = internals.registry().live("acme");
    plugin =
        internals
            .deploymentRegistry()
            .plugin(host.deployments().active("durable", "production").orElseThrow());
  }

  private RunContext replaying(String resource) throws Exception {
    return replaying(resource, plugin);
  }

  private RunContext replaying(String resource, AgentPlugin plugin) throws Exception {
    return replaying(resource, plugin, cell);
  }

  private RunContext replaying(String resource, AgentPlugin plugin, LiveCell cell)
      throws Exception {
    Path journal = tmp.resolve("replay.log");
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      Files.copy(
          java.util.Objects.requireNonNull(in, "recorded journal missing from test resources"),
          journal,
          StandardCopyOption.REPLACE_EXISTING);
    }
    DefaultHost internals = (DefaultHost) host;
    return new RunContext(
        "r-recorded",
        "d-recorded",
        cell,
        new RunEventLog(
            "r-recorded", new RunStore(internals.controlPlane()), Clock.systemUTC(), List.of()),
        plugin,
        new RunJournal(JournalFile.open(journal), plugin.mapper(), Clock.systemUTC()),
        true,
        internals.forges());
  }

  @Test
  void theVersion1DarkModeJournalReplaysToItsStartedCommit() throws Exception {
    RunContext ctx = replaying("/journals/v1-dark-mode.journal");
    assertThatThrownBy(
            () -> plugin.method("darkMode").orElseThrow().method().invoke(plugin.agent(), ctx))
        .hasCauseInstanceOf(StepFailures.ReplayEndedException.class)
        .cause()
        .satisfies(e -> assertThat(((StepFailures.ReplayEndedException) e).seq()).isEqualTo(14));
    // Nothing executed: the recorded config points at a counter file that never came to be.
    assertThat(Path.of("/var/tmp/oncell-fixture/c")).doesNotExist();
    try (var files = Files.list(oncell.home().resolve("cells/acme/work"))) {
      assertThat(files.toList()).as("no edit ran again").isEmpty();
    }
  }

  /**
   * The seed-documentation call with a tool round and a fenced structured answer: a change to how a
   * prompt, a tool result or the schema instructions are written would change the hash of the
   * {@code llm} steps, and runs cut in the middle of such a call could not resume.
   */
  @Test
  void theVersion2SeedDocumentationJournalReplaysWithoutAModel() throws Exception {
    host.deployments()
        .deploy(PluginJars.plugin("planner", "1.0.0", PlannerAgent.class), "production");
    AgentPlugin planner =
        ((DefaultHost) host)
            .deploymentRegistry()
            .plugin(host.deployments().active("planner", "production").orElseThrow());
    RunContext ctx = replaying("/journals/v2-seed-documentation.journal", planner);
    var method = planner.method("documentWithTools").orElseThrow();
    Object input =
        planner
            .mapper()
            .convertValue(
                planner.mapper().readTree("{\"goal\":\"document the auth middleware\"}"),
                method.inputJavaType(planner.mapper()).orElseThrow());
    com.fasterxml.jackson.databind.JsonNode outcome =
        planner.mapper().valueToTree(method.method().invoke(planner.agent(), ctx, input));
    assertThat(outcome.path("plan").path("summary").asText()).isEqualTo("document auth");
    assertThat(outcome.path("plan").path("commands").toString())
        .isEqualTo("[\"echo one >> log.txt\",\"echo two >> log.txt\"]");
    assertThat(ctx.steps()).isEqualTo(8);
    try (var files = Files.list(oncell.home().resolve("cells/acme/work"))) {
      assertThat(files.toList()).as("no command ran").isEmpty();
    }
  }

  /**
   * Format 2: the {@code Map.of} and {@code Set.of} streamed by {@link ProgressAgent} were hashed
   * in their canonical form by another JVM, whose salt ordered them differently from this one's in
   * all likelihood; a change to {@code CanonicalJson} or to how a stream request is hashed fails
   * this.
   */
  @Test
  void theVersion2ProgressJournalReplaysItsMapOfStreamsInThisJvm() throws Exception {
    host.deployments()
        .deploy(PluginJars.plugin("progress", "1.0.0", ProgressAgent.class), "production");
    AgentPlugin progress =
        ((DefaultHost) host)
            .deploymentRegistry()
            .plugin(host.deployments().active("progress", "production").orElseThrow());
    RunContext ctx = replaying("/journals/v2-progress-map-of.journal", progress);
    Object outcome = progress.method("report").orElseThrow().method().invoke(progress.agent(), ctx);
    assertThat(outcome).isEqualTo("reported");
    assertThat(ctx.steps()).isEqualTo(4);
    assertThat(JournalFile.readAll(tmp.resolve("replay.log")))
        .extracting(dev.oncell.runtime.internal.journal.JournalEntry::hashVersion)
        .containsOnly(dev.oncell.runtime.internal.journal.JournalEntry.HASH_CANONICAL);
  }

  /**
   * The five {@code ctx.pullRequests()} calls of a review, answered by a forge its plugin ships: a
   * change to the requests of forge steps (the target, the arguments) or to how a pull request is
   * journaled fails this, and runs cut in the middle of a review could not resume.
   */
  @Test
  void theVersion2ForgeReviewJournalReplaysWithoutAForge() throws Exception {
    host.deployments()
        .deploy(
            PluginJars.withExtensions(
                "plugin-forge-plugin",
                "1.0.0",
                PluginForgeAgent.class,
                List.of(StaticForge.class),
                ForgeAgent.class),
            "production");
    com.fasterxml.jackson.databind.node.ObjectNode config =
        JsonNodeFactory.instance.objectNode().put("repoUrl", "http://127.0.0.1:9/acme/shop");
    config.putObject("forge").put("kind", "static").put("apiBase", "http://127.0.0.1:9/api");
    host.cells().create(new Cells.NewCell("forged", config, Optional.empty(), "production"));
    DefaultHost internals = (DefaultHost) host;
    AgentPlugin forge =
        internals
            .deploymentRegistry()
            .plugin(host.deployments().active("plugin-forge", "production").orElseThrow());
    RunContext ctx =
        replaying("/journals/v2-forge-review.journal", forge, internals.registry().live("forged"));
    var method = forge.method("review").orElseThrow();
    Object input =
        forge
            .mapper()
            .convertValue(
                forge
                    .mapper()
                    .readTree(
                        "{\"head\":\"oncell/x\",\"base\":\"main\",\"title\":\"T\",\"body\":\"B\"}"),
                method.inputJavaType(forge.mapper()).orElseThrow());
    // The plugin's own class: compared as JSON.
    com.fasterxml.jackson.databind.JsonNode review =
        forge.mapper().valueToTree(method.method().invoke(forge.agent(), ctx, input));
    assertThat(review)
        .isEqualTo(
            forge
                .mapper()
                .valueToTree(
                    new ForgeAgent.Review(
                        7, 70, 1, "static-head", "http://127.0.0.1:9/api/acme/shop/pr/7")));
    assertThat(ctx.steps()).isEqualTo(5);
  }
}
