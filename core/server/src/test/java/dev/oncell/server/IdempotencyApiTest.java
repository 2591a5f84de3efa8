package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.EchoAgent;
import dev.oncell.runtime.testagents.InputAgent;
import dev.oncell.server.RunningServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code Idempotency-Key} and a null input on {@code POST /v1/agents/:method}, over real HTTP. */
@org.junit.jupiter.api.Tag("abuse")
class IdempotencyApiTest {

  @RegisterExtension final TestHost oncell = TestHost.create();
  private final Path home = oncell.home();
  private RunningServer api;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    api = new RunningServer(oncell);
    deploy(PluginJars.plugin("echo-plugin", "1.0.0", EchoAgent.class));
    deploy(PluginJars.plugin("input-plugin", "1.0.0", InputAgent.class));
    for (String[] c : new String[][] {{"acme", "echo"}, {"globex", "input"}}) {
      Reply created =
          api.post(
              "/v1/customers?wait=true", "{\"id\":\"" + c[0] + "\",\"agent\":\"" + c[1] + "\"}");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private void deploy(byte[] jar) {
    assertThat(api.call("POST", "/v1/deployments?env=production", jar, RunningServer.KEY).status())
        .isEqualTo(201);
  }

  private HttpRequest request(String path, String body, String key) {
    return HttpRequest.newBuilder(URI.create(api.server.url() + path))
        .header("Authorization", "Bearer " + RunningServer.KEY)
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private Reply call(String path, String body, String key) throws Exception {
    HttpResponse<byte[]> response =
        http.send(request(path, body, key), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(response.statusCode(), new String(response.body()), response);
  }

  private long runsOf(String customer, String method) {
    JsonNode runs = api.get("/v1/runs?customer=" + customer).json().get("runs");
    long n = 0;
    for (JsonNode run : runs) {
      n += run.get("method").asText().equals(method) ? 1 : 0;
    }
    return n;
  }

  @Test
  void parallelCallsWithOneKeyAllGetTheOneRun() throws Exception {
    String body = "{\"customer\":\"acme\",\"input\":{\"millis\":1500}}";
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String path = i % 2 == 0 ? "/v1/agents/slow" : "/v1/agents/slow/stream";
      calls.add(
          http.sendAsync(request(path, body, "k-parallel"), HttpResponse.BodyHandlers.ofString()));
    }
    Set<String> runIds = new HashSet<>();
    for (var call : calls) {
      HttpResponse<String> response = call.get();
      assertThat(response.statusCode())
          .as("no caller is told run_in_progress: %s", response.body())
          .isEqualTo(200);
      if (response.request().uri().getPath().endsWith("/stream")) {
        var events = AgentApiTest.parse(response.body());
        assertThat(events.getLast().type()).isEqualTo("result");
        runIds.add(events.getLast().data().get("runId").asText());
      } else {
        JsonNode outcome = RunningServer.JSON.readTree(response.body());
        assertThat(outcome.get("status").asText()).isEqualTo("succeeded");
        runIds.add(outcome.get("runId").asText());
      }
    }
    assertThat(runIds).as("one key, one run").hasSize(1);
    assertThat(runsOf("acme", "slow")).isEqualTo(1);
  }

  @Test
  void aKeyReusedWithAnotherInputIs422AndStartsNothing() throws Exception {
    Reply first =
        call(
            "/v1/agents/echo",
            "{\"customer\":\"acme\",\"input\":{\"text\":\"a\",\"times\":2}}",
            "k-1");
    assertThat(first.status()).isEqualTo(200);
    String runId = first.json().get("runId").asText();
    Reply again =
        call(
            "/v1/agents/echo",
            "{\"input\":{\"times\":2.0,\"text\":\"a\"},\"customer\":\"acme\"}",
            "k-1");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("runId").asText())
        .as("the same request written another way is a repeat")
        .isEqualTo(runId);

    for (String[] other :
        new String[][] {
          {"/v1/agents/echo", "{\"customer\":\"acme\",\"input\":{\"text\":\"b\",\"times\":2}}"},
          {"/v1/agents/echo", "{\"customer\":\"acme\"}"},
          {"/v1/agents/lines", "{\"customer\":\"acme\"}"},
          {
            "/v1/agents/echo/stream",
            "{\"customer\":\"acme\",\"input\":{\"text\":\"c\",\"times\":1}}"
          },
        }) {
      Reply reused = call(other[0], other[1], "k-1");
      assertThat(reused.status()).as("%s %s: %s", other[0], other[1], reused.body()).isEqualTo(422);
      assertThat(reused.errorCode()).isEqualTo("idempotency_key_reused");
      assertThat(reused.json().path("error").path("message").asText()).contains(runId);
    }
    assertThat(runsOf("acme", "echo")).isEqualTo(1);
    assertThat(runsOf("acme", "lines")).isZero();
  }

  @Test
  void aNullInputIsNoInputNeverANullArgument() throws Exception {
    for (String body :
        List.of("{\"customer\":\"globex\",\"input\":null}", "{\"customer\":\"globex\"}")) {
      Reply record = api.post("/v1/agents/record", body);
      assertThat(record.status()).as(body).isEqualTo(200);
      assertThat(record.json().get("result").asText()).as(body).isEqualTo("query null 0");
      assertThat(api.post("/v1/agents/json", body).json().get("result").asText())
          .isEqualTo("OBJECT {}");
      assertThat(api.post("/v1/agents/maybe", body).json().get("result").asText())
          .isEqualTo("empty");
      Reply text = api.post("/v1/agents/text", body);
      assertThat(text.status()).as(body).isEqualTo(400);
      assertThat(text.errorCode()).isEqualTo("invalid_input");
      assertThat(text.json().path("error").path("message").asText())
          .contains("takes an input (String)");
    }
    assertThat(runsOf("globex", "text")).as("a refused call records no run").isZero();
  }
}
