package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.oncell.client.CreateCustomer;
import dev.oncell.client.OncellClient;
import dev.oncell.client.RunResult;
import dev.oncell.client.SearchRequest;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.LifecycleAgent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cell's files, memory, index and run journal survive a pause followed by SIGKILL of the server,
 * and a SIGKILL of the server while the cell is active.
 */
class PauseCrashTest {

  private static final String KEY = "pause-crash-operator-key";
  private static final Map<String, String> ENV =
      Map.of("ONCELL_API_KEY", KEY, "ONCELL_EMBEDDING_MODEL", "none");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The child servers' ONCELL_HOME; no host opens on it in this JVM. */
  @RegisterExtension final TestHost oncell = TestHost.create();

  @TempDir Path tmp;

  private ChildServer start() throws Exception {
    return ChildServer.start(oncell.home(), tmp.resolve("user"), ENV);
  }

  private static OncellClient client(ChildServer server) {
    return OncellClient.create(URI.create(server.url()), KEY);
  }

  @Test
  void aCellsStateSurvivesAPauseAndACrash() throws Exception {
    Path gate = tmp.resolve("gate");
    Files.createFile(gate); // the agent's wait is over at once
    String runId;
    try (ChildServer server = start();
        OncellClient client = client(server)) {
      client
          .deployments()
          .deploy(
              PluginJars.plugin("lifecycle-plugin", "1.0.0", LifecycleAgent.class),
              "production",
              Optional.of("bubblewrap"));
      client
          .customers()
          .create(CreateCustomer.of("acme").withAgent("lifecycle").withWaitForSetup(true));
      client.files("acme").write("src/Basket.java", "class Basket { int total; }".getBytes());
      client.memory("acme").put("n", IntNode.valueOf(7));
      client.search("acme").index("/work");
      RunResult run =
          client
              .agents()
              .call(
                  "await",
                  "acme",
                  JSON.createObjectNode().put("path", gate.toString()),
                  Optional.empty());
      assertThat(run.status()).isEqualTo("succeeded");
      runId = run.runId();
      assertThat(client.customers().pause("acme").state()).isEqualTo("PAUSED");
      server.kill();
    }

    try (ChildServer server = start();
        OncellClient client = client(server)) {
      assertThat(server.output())
          .as("the start-up says where each agent's cells run")
          .contains("agent lifecycle 1.0.0 (production): cells run in bubblewrap");
      assertThat(client.customers().get("acme").state()).isEqualTo("PAUSED");
      assertSurvived(server, client, runId, "after a pause and a crash");
      assertThat(client.customers().get("acme").state()).isEqualTo("ACTIVE");
      server.kill(); // this time the cell is active, its database and index open
    }

    try (ChildServer server = start();
        OncellClient client = client(server)) {
      assertSurvived(server, client, runId, "after a crash of an active cell");
    }
  }

  private static void assertSurvived(
      ChildServer server, OncellClient client, String runId, String when) throws Exception {
    assertThat(new String(client.files("acme").read("src/Basket.java"), StandardCharsets.UTF_8))
        .as("file " + when)
        .contains("Basket");
    assertThat(new String(client.files("acme").read("before-wait.txt"), StandardCharsets.UTF_8))
        .as("the run's file " + when)
        .isEqualTo("1");
    assertThat(client.memory("acme").get("n")).as("memory " + when).contains(IntNode.valueOf(7));
    assertThat(client.search("acme").search(SearchRequest.of("Basket")).hits())
        .as("index " + when)
        .isNotEmpty();
    HttpResponse<String> journal =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url() + "/v1/runs/" + runId + "/journal"))
                    .header("Authorization", "Bearer " + KEY)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(journal.statusCode()).as("journal " + when).isEqualTo(200);
    assertThat(JSON.readTree(journal.body()).path("steps").size())
        .as("journal steps " + when + ": " + journal.body())
        .isPositive();
  }
}
