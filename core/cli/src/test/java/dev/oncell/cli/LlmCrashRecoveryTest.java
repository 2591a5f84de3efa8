package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.client.CreateCustomer;
import dev.oncell.client.OncellApiException;
import dev.oncell.client.OncellClient;
import dev.oncell.client.Run;
import dev.oncell.client.RunEvent;
import dev.oncell.llm.testing.StandIn;
import dev.oncell.llm.testing.Wire;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.ShopRepo;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.PlannerAgent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end promise with SIGKILL: an agent searches the code, asks a model (through a
 * key set with the secrets API) for a plan as a record, runs the planned commands, and the server
 * is killed between two of them. The restarted server finishes the run without a second request to
 * the model, and the key appears in no output, file, journal or event.
 */
class LlmCrashRecoveryTest {

  private static final String KEY = "llm-crash-operator-key";
  private static final String SECRET = "sk-crash-test-7Yh2Qp9Lm4";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The child servers' ONCELL_HOME; no host opens on it in this JVM. */
  @RegisterExtension final TestHost oncell = TestHost.create();

  @TempDir Path tmp;
  private final List<ChildServer> servers = new ArrayList<>();
  private final StandIn openai = StandIn.start();

  @AfterEach
  void stop() {
    servers.forEach(ChildServer::close);
    openai.close();
  }

  private ChildServer serve() throws Exception {
    ChildServer server =
        ChildServer.start(
            oncell.home(),
            tmp.resolve("user"),
            Map.of("ONCELL_API_KEY", KEY, "ONCELL_EMBEDDING_MODEL", "none"));
    servers.add(server);
    return server;
  }

  @Test
  void theSeedDocumentationCallSurvivesASigkillWithoutASecondLlmRequest() throws Exception {
    Path state = oncell.home();
    Files.writeString(
        state.resolve("oncell.yaml"),
        """
        llm:
          timeout: 10s
          providers:
            openai: { api_key: $OPENAI_API_KEY, model: gpt-4o, base_url: %s }
        """
            .formatted(openai.v1()));
    openai.then(
        Wire.openAiText(
            "gpt-4o",
            "{\"summary\":\"document auth\",\"commands\":[\"echo one >> log.txt\",\"echo two >> log.txt\"]}",
            200,
            40));
    Path gate = tmp.resolve("gate");

    ChildServer first = serve();
    List<RunEvent> seen = new CopyOnWriteArrayList<>();
    try (OncellClient client = OncellClient.create(URI.create(first.url()), KEY)) {
      client.secrets().set("OPENAI_API_KEY", SECRET);
      client
          .deployments()
          .deploy(PluginJars.plugin("planner", "1.0.0", PlannerAgent.class), "production");
      client
          .customers()
          .create(
              CreateCustomer.of("acme")
                  .withAgent("planner")
                  .withConfig(JSON.createObjectNode().put("gate", gate.toString()))
                  .withWaitForSetup(true));
      ShopRepo.FILES.forEach(
          (path, content) ->
              client.files("acme").write(path, content.getBytes(StandardCharsets.UTF_8)));
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  client.agents().stream(
                      "document",
                      "acme",
                      JSON.createObjectNode().put("goal", "document the auth middleware"),
                      seen::add);
                } catch (OncellApiException e) {
                  // the server dies under the stream
                }
              });
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Files.exists(tmp.resolve("holding"))) {
        assertThat(System.nanoTime()).as("the run reaches its hold").isLessThan(deadline);
        Thread.sleep(20);
      }
      first.kill();
    }
    String runId = seen.getFirst().data().get("runId").asText();
    Files.createFile(gate);

    ChildServer second = serve();
    try (OncellClient client = OncellClient.create(URI.create(second.url()), KEY)) {
      Run run;
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while ((run = client.runs().get(runId)).status().equals("running")) {
        assertThat(System.nanoTime()).as("run %s finishes", runId).isLessThan(deadline);
        Thread.sleep(50);
      }
      assertThat(run.status()).as("%s", run.error()).isEqualTo("succeeded");
      assertThat(run.result().orElseThrow().path("outputs")).hasSize(2);
      assertThat(openai.count()).as("no token is spent twice").isEqualTo(1);
      assertThat(openai.last().header("Authorization")).contains("Bearer " + SECRET);
      assertThat(client.customers().usage("acme").totalTokens()).isEqualTo(240);
      assertThat(new String(client.files("acme").read("log.txt"), StandardCharsets.UTF_8))
          .isEqualTo("one\ntwo\n");

      List<String> seenByApi = new ArrayList<>();
      java.net.http.HttpResponse<String> journal =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          URI.create(second.url() + "/v1/runs/" + runId + "/journal"))
                      .header("Authorization", "Bearer " + KEY)
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(journal.body()).contains("\"kind\":\"llm\"");
      seenByApi.add(journal.body());
      client.runs().events(runId, 0, e -> seenByApi.add(e.data().toString()));
      assertThat(String.join("\n", seenByApi)).doesNotContain(SECRET);
    }
    for (ChildServer s : servers) {
      assertThat(String.join("\n", s.output())).as("server output").doesNotContain(SECRET);
    }
    second.close(); // a clean stop, which also stops the cell's sandbox
    try (Stream<Path> files = Files.walk(state)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
            .as("file %s", f)
            .doesNotContain(SECRET);
      }
    }
  }
}
