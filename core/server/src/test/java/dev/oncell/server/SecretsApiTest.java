package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.llm.VariableResolver;
import dev.oncell.llm.testing.StandIn;
import dev.oncell.llm.testing.Wire;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.PlannerAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /v1/secrets} over a real server, and the promise that a secret used by an LLM call shows
 * up nowhere: not in the API, the logs, the files of ONCELL_HOME, the run's journal or its events.
 */
class SecretsApiTest {

  private static final String VALUE = "sk-proj-Zq8vT3nW5yL1cR7x";

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));

  private RunningServer api;
  private final StandIn openai = StandIn.start();
  private final List<String> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
          if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
              line.append(' ').append(p);
            }
          }
          if (record.getThrown() != null) {
            ByteArrayOutputStream trace = new ByteArrayOutputStream();
            try (PrintWriter w = new PrintWriter(trace, true, StandardCharsets.UTF_8)) {
              record.getThrown().printStackTrace(w);
            }
            line.append('\n').append(trace.toString(StandardCharsets.UTF_8));
          }
          synchronized (logged) {
            logged.add(line.toString());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() throws Exception {
    Path home = oncell.home();
    Files.writeString(
        home.resolve("oncell.yaml"),
        """
        llm:
          timeout: 5s
          max_retries: 1
          max_retry_wait: 0s
          providers:
            openai: { api_key: $OPENAI_API_KEY, model: gpt-4o, base_url: %s }
        """
            .formatted(openai.v1()));
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    capture.setLevel(Level.ALL);
    oncell.open(c -> c.withEnvironment(VariableResolver.none()));
    api = new RunningServer(oncell);
  }

  @AfterEach
  void stop() {
    api.close();
    openai.close();
    Logger.getLogger("").removeHandler(capture);
  }

  @Test
  void operatorsSetListAndDeleteSecretsAndNeverSeeAValueBack() {
    RunningServer.Reply set =
        api.put("/v1/secrets/OPENAI_API_KEY", "{\"value\":\"" + VALUE + "\"}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().path("name").asText()).isEqualTo("OPENAI_API_KEY");
    assertThat(set.json().path("hint").asText()).isEqualTo("****cR7x");
    assertThat(set.body()).doesNotContain(VALUE);

    RunningServer.Reply list = api.get("/v1/secrets");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("secrets")).hasSize(1);
    assertThat(list.json().path("secrets").get(0).path("updatedAt").asText()).isNotBlank();
    assertThat(list.body()).doesNotContain(VALUE);

    assertThat(api.put("/v1/secrets/9LIVES", "{\"value\":\"x\"}").errorCode())
        .isEqualTo("invalid_secret_name");
    assertThat(api.put("/v1/secrets/EMPTY", "{\"value\":\"\"}").errorCode())
        .isEqualTo("invalid_secret_value");
    assertThat(api.put("/v1/secrets/X", "{}").errorCode()).isEqualTo("invalid_request");
    assertThat(api.put("/v1/secrets/X", "{\"value\":\"v\",\"extra\":1}").status()).isEqualTo(400);
    assertThat(api.put("/v1/secrets/X", "not json").errorCode()).isEqualTo("malformed_json");
    assertThat(api.get("/v1/secrets").json().path("secrets"))
        .as("failed requests change nothing")
        .hasSize(1);

    api.post("/v1/customers", "{\"id\":\"acme\"}");
    String token = api.host.apiKeys().issueCustomerToken("acme", "editor");
    assertThat(api.call("GET", "/v1/secrets", null, token).status()).isEqualTo(403);
    assertThat(
            api.call(
                    "PUT",
                    "/v1/secrets/OPENAI_API_KEY",
                    "{\"value\":\"mine\"}".getBytes(StandardCharsets.UTF_8),
                    token)
                .status())
        .isEqualTo(403);

    assertThat(api.delete("/v1/secrets/OPENAI_API_KEY").status()).isEqualTo(204);
    assertThat(api.delete("/v1/secrets/OPENAI_API_KEY").errorCode()).isEqualTo("not_found");
    assertThat(api.get("/v1/secrets").json().path("secrets")).isEmpty();
  }

  @Test
  void aSecretUsedByAnLlmCallAppearsInNoLogJournalEventOrFile() throws Exception {
    api.put("/v1/secrets/OPENAI_API_KEY", "{\"value\":\"" + VALUE + "\"}");
    api.host
        .deployments()
        .deploy(PluginJars.plugin("planner", "1.0.0", PlannerAgent.class), "production");
    assertThat(
            api.post("/v1/customers?wait=true", "{\"id\":\"acme\",\"agent\":\"planner\"}").status())
        .isEqualTo(201);
    openai.then(
        Wire.openAiStream("gpt-4o", List.of("all ", "good"), 5, 2),
        Wire.openAiError(
            401,
            "Incorrect API key provided: " + VALUE,
            "invalid_request_error",
            "invalid_api_key"),
        Wire.openAiError(500, "upstream echoed " + VALUE, "server_error", null),
        Wire.openAiError(500, "upstream echoed " + VALUE, "server_error", null));

    JsonNode ok =
        api.post(
                "/v1/agents/ask",
                "{\"customer\":\"acme\",\"input\":{\"prompt\":\"hi\",\"stream\":true}}")
            .json();
    assertThat(ok.path("status").asText()).as("%s", ok).isEqualTo("succeeded");
    assertThat(openai.last().header("Authorization"))
        .as("the key was used")
        .contains("Bearer " + VALUE);
    JsonNode denied =
        api.post("/v1/agents/ask", "{\"customer\":\"acme\",\"input\":{\"prompt\":\"hi\"}}").json();
    assertThat(denied.path("error").path("code").asText()).isEqualTo("llm_auth_failed");
    JsonNode failed =
        api.post("/v1/agents/ask", "{\"customer\":\"acme\",\"input\":{\"prompt\":\"hi\"}}").json();
    assertThat(failed.path("error").path("code").asText()).isEqualTo("llm_unavailable");
    assertThat(failed.path("error").path("message").asText()).contains("upstream echoed [secret]");

    List<String> seen = new ArrayList<>();
    for (JsonNode run : api.get("/v1/runs?customer=acme").json().path("runs")) {
      String id = run.path("runId").asText(run.path("id").asText());
      seen.add(api.get("/v1/runs/" + id).body());
      seen.add(api.get("/v1/runs/" + id + "/journal").body());
      seen.add(api.get("/v1/runs/" + id + "/events?after=0").body());
    }
    assertThat(seen).hasSizeGreaterThanOrEqualTo(9);
    assertThat(String.join("\n", seen)).as("runs, journals and events").doesNotContain(VALUE);
    synchronized (logged) {
      assertThat(String.join("\n", logged)).as("the server's log").doesNotContain(VALUE);
    }
    api.close();
    try (Stream<Path> files = Files.walk(api.home)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(content).as("file %s", api.home.relativize(f)).doesNotContain(VALUE);
      }
    }
    api = new RunningServer(oncell);
  }
}
