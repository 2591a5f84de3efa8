package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.EchoAgent;
import dev.oncell.runtime.testagents.EchoAgentV2;
import dev.oncell.runtime.testagents.ImpostorAgent;
import dev.oncell.server.RunningServer.Reply;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Agents through the real server: deploy, customers with an agent, runs, streams. */
class AgentApiTest {

  private static final byte[] ECHO = PluginJars.plugin("echo-plugin", "1.0.0", EchoAgent.class);

  @RegisterExtension final TestHost oncell = TestHost.create();
  private final Path home = oncell.home();
  private RunningServer api;

  @BeforeEach
  void start() {
    api = new RunningServer(oncell);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Reply deploy(byte[] jar, String env) {
    return api.call("POST", "/v1/deployments?env=" + env, jar, RunningServer.KEY);
  }

  private void deployAndCreate(String... customers) {
    assertThat(deploy(ECHO, "production").status()).isEqualTo(201);
    for (String customer : customers) {
      Reply created =
          api.post("/v1/customers?wait=true", "{\"id\":\"" + customer + "\",\"agent\":\"echo\"}");
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().get("state").asText()).isEqualTo("ACTIVE");
    }
  }

  /** One server-sent event. */
  record Sse(long id, String type, JsonNode data) {}

  static List<Sse> parse(String body) throws Exception {
    List<Sse> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      long id = -1;
      String type = "message";
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("id: ")) {
          id = Long.parseLong(line.substring(4));
        } else if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
      if (id >= 0) {
        events.add(new Sse(id, type, RunningServer.JSON.readTree(data.toString())));
      }
    }
    return events;
  }

  @Test
  void deployListAndPromote() {
    Reply deployed = deploy(ECHO, "staging");
    assertThat(deployed.status()).isEqualTo(201);
    assertThat(deployed.json().get("agent").asText()).isEqualTo("echo");
    assertThat(deployed.json().get("env").asText()).isEqualTo("staging");
    assertThat(deployed.json().get("methods").toString()).contains("\"echo\"", "\"lines\"");

    Reply notYet = api.post("/v1/customers", "{\"id\":\"acme\",\"agent\":\"echo\"}");
    assertThat(notYet.status()).isEqualTo(400);
    assertThat(notYet.errorCode()).isEqualTo("unknown_agent");
    assertThat(notYet.json().get("error").get("message").asText()).contains("promote");

    Reply promoted =
        api.post("/v1/deployments/promote", "{\"from\":\"staging\",\"to\":\"production\"}");
    assertThat(promoted.status()).isEqualTo(200);
    assertThat(promoted.json().get("promoted").get(0).get("env").asText()).isEqualTo("production");
    assertThat(api.get("/v1/deployments").json().get("deployments")).hasSize(2);
  }

  @Test
  void badPluginsAreRefusedAndTheServerGoesOn() {
    assertThat(deploy("garbage".getBytes(), "staging").errorCode()).isEqualTo("invalid_plugin");
    assertThat(deploy(new byte[0], "staging").errorCode()).isEqualTo("invalid_plugin");
    assertThat(deploy(PluginJars.notAPlugin(EchoAgent.class), "staging").errorCode())
        .isEqualTo("invalid_plugin");
    assertThat(deploy(ECHO, "qa").errorCode()).isEqualTo("invalid_env");
    deploy(ECHO, "staging");
    Reply impostor = deploy(PluginJars.plugin("impostor", "1.0.0", ImpostorAgent.class), "staging");
    assertThat(impostor.status()).isEqualTo(409);
    assertThat(impostor.errorCode()).isEqualTo("agent_name_taken");
    assertThat(api.get("/v1/deployments").json().get("deployments")).hasSize(1);
    assertThat(api.get("/health").status()).isEqualTo(200);
    assertThat(
            api.post("/v1/deployments/promote", "{\"from\":\"production\",\"to\":\"staging\"}")
                .status())
        .isEqualTo(404);
    assertThat(api.post("/v1/deployments/promote", "{\"from\":\"staging\"}").status())
        .isEqualTo(400);
  }

  @Test
  void callsAMethodAndRecordsTheRun() {
    deployAndCreate("acme");
    Reply call =
        api.post(
            "/v1/agents/echo", "{\"customer\":\"acme\",\"input\":{\"text\":\"hi\",\"times\":3}}");
    assertThat(call.status()).isEqualTo(200);
    assertThat(call.json().get("status").asText()).isEqualTo("succeeded");
    assertThat(call.json().get("result").get("text").asText()).isEqualTo("hihihi");
    String runId = call.json().get("runId").asText();

    JsonNode run = api.get("/v1/runs/" + runId).json();
    assertThat(run.get("method").asText()).isEqualTo("echo");
    assertThat(run.get("customer").asText()).isEqualTo("acme");
    assertThat(run.get("version").asText()).isEqualTo("1.0.0");
    assertThat(run.get("finishedAt").isTextual()).isTrue();
    assertThat(api.get("/v1/runs?customer=acme").json().get("runs").size()).isEqualTo(2);

    Reply failed = api.post("/v1/agents/fail", "{\"customer\":\"acme\"}");
    assertThat(failed.status()).isEqualTo(200);
    assertThat(failed.json().get("status").asText()).isEqualTo("failed");
    assertThat(failed.json().get("error").get("message").asText()).contains("boom from the agent");
  }

  @Test
  void badRunRequestsAreRefusedWithoutARun() {
    deployAndCreate("acme");
    record Case(String method, String body, int status, String code) {}
    Case[] cases = {
      new Case("nope", "{\"customer\":\"acme\"}", 404, "unknown_method"),
      new Case("echo", "{\"customer\":\"ghost\"}", 404, "not_found"),
      new Case(
          "echo", "{\"customer\":\"acme\",\"input\":{\"times\":\"many\"}}", 400, "invalid_input"),
      new Case("echo", "{\"customer\":\"acme\",\"input\":", 400, "malformed_json"),
      new Case("echo", "{\"input\":{}}", 400, "invalid_request"),
      new Case("echo", "{\"customer\":\"acme\",\"extra\":1}", 400, "invalid_request"),
    };
    for (Case c : cases) {
      Reply reply = api.post("/v1/agents/" + c.method(), c.body());
      assertThat(reply.status()).as(c.body()).isEqualTo(c.status());
      assertThat(reply.errorCode()).as(c.body()).isEqualTo(c.code());
    }
    assertThat(api.get("/v1/runs?customer=acme").json().get("runs").size()).isEqualTo(1);
    assertThat(api.get("/v1/runs/r-nope").status()).isEqualTo(404);
    assertThat(api.get("/v1/runs").status()).isEqualTo(400);
  }

  @Test
  void streamsEventsEndingWithTheResult() throws Exception {
    deployAndCreate("acme");
    Reply stream = api.post("/v1/agents/orchestrate/stream", "{\"customer\":\"acme\"}");
    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.raw().headers().firstValue("Content-Type")).contains("text/event-stream");
    List<Sse> events = parse(stream.body());
    assertThat(events.getFirst().type()).isEqualTo("started");
    assertThat(events.getLast().type()).isEqualTo("result");
    assertThat(events.getLast().data().get("result").toString())
        .isEqualTo("[\"compiled\",\"tested\",\"app.jar\"]");
    assertThat(
            events.stream()
                .filter(e -> e.type().equals("step"))
                .map(e -> e.data().get("progress").asDouble()))
        .contains(1.0);
    assertThat(
            events.stream()
                .filter(e -> e.type().equals("shell"))
                .map(e -> e.data().get("line").asText()))
        .containsExactly("tested");
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).id()).isEqualTo(i + 1);
    }

    // Replaying with Last-Event-ID gives exactly the events after it.
    String runId = events.getLast().data().get("runId").asText();
    HttpResponse<String> replay =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(api.server.url() + "/v1/runs/" + runId + "/events"))
                    .header("Authorization", "Bearer " + RunningServer.KEY)
                    .header("Last-Event-ID", "3")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    List<Sse> rest = parse(replay.body());
    assertThat(rest.getFirst().id()).isEqualTo(4);
    assertThat(rest).hasSize(events.size() - 3);
  }

  @Test
  void aClientThatDisconnectsMidStreamLosesNoEvent() throws Exception {
    deployAndCreate("acme");
    HttpResponse<InputStream> live =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(api.server.url() + "/v1/agents/slow/stream"))
                    .header("Authorization", "Bearer " + RunningServer.KEY)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"customer\":\"acme\",\"input\":{\"millis\":1500}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    String runId = live.headers().firstValue("X-Oncell-Run-Id").orElseThrow();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
      assertThat(reader.readLine()).isEqualTo("id: 1");
    } // hang up after the first line

    // The run goes on; reconnecting from event 1 gives the rest, ending with the result.
    Reply again = api.call("GET", "/v1/runs/" + runId + "/events?after=1", null, RunningServer.KEY);
    List<Sse> rest = parse(again.body());
    assertThat(rest.getFirst().id()).isEqualTo(2);
    assertThat(rest.getLast().type()).isEqualTo("result");
    assertThat(api.get("/v1/runs/" + runId).json().get("status").asText()).isEqualTo("succeeded");
  }

  @Test
  void oneRunAtATimePerCellAndCustomersAreIsolated() throws Exception {
    deployAndCreate("acme", "globex");
    HttpClient http = HttpClient.newHttpClient();
    var slow =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(api.server.url() + "/v1/agents/slow"))
                .header("Authorization", "Bearer " + RunningServer.KEY)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"customer\":\"acme\",\"input\":{\"millis\":1500}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Thread.sleep(400);
    Reply busy = api.post("/v1/agents/lines", "{\"customer\":\"acme\"}");
    assertThat(busy.status()).isEqualTo(409);
    assertThat(busy.errorCode()).isEqualTo("run_in_progress");

    Reply globex = api.post("/v1/agents/lines", "{\"customer\":\"globex\"}");
    assertThat(globex.json().get("result").get("stdout").asText())
        .contains("set up for globex")
        .doesNotContain("acme");
    assertThat(slow.get().statusCode()).isEqualTo(200);
    Reply acme = api.post("/v1/agents/lines", "{\"customer\":\"acme\"}");
    assertThat(acme.json().get("result").get("stdout").asText())
        .contains("set up for acme")
        .doesNotContain("globex");
  }

  @Test
  void customerTokensRunOnlyTheirOwnCustomer() {
    deployAndCreate("acme", "globex");
    String token = api.host.apiKeys().issueCustomerToken("acme", "editor");
    Reply own =
        api.call(
            "POST",
            "/v1/agents/echo",
            "{\"customer\":\"acme\",\"input\":{\"text\":\"a\",\"times\":1}}".getBytes(),
            token);
    assertThat(own.status()).isEqualTo(200);
    Reply other =
        api.call(
            "POST",
            "/v1/agents/echo",
            "{\"customer\":\"globex\",\"input\":{\"text\":\"a\",\"times\":1}}".getBytes(),
            token);
    assertThat(other.status()).isEqualTo(403);
    String globexRun =
        api.get("/v1/runs?customer=globex").json().get("runs").get(0).get("runId").asText();
    assertThat(api.call("GET", "/v1/runs/" + globexRun, null, token).status()).isEqualTo(403);
    assertThat(api.call("GET", "/v1/deployments", null, token).status()).isEqualTo(403);
  }

  @Test
  void cancelAndJournalOfARun() throws Exception {
    deployAndCreate("acme");
    HttpClient http = HttpClient.newHttpClient();
    var slow =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(api.server.url() + "/v1/agents/slow"))
                .header("Authorization", "Bearer " + RunningServer.KEY)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"customer\":\"acme\",\"input\":{\"millis\":20000}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String runId = "";
    while (runId.isEmpty()) {
      Thread.sleep(50);
      for (JsonNode run : api.get("/v1/runs?customer=acme").json().get("runs")) {
        if (run.get("method").asText().equals("slow")) {
          runId = run.get("runId").asText();
        }
      }
    }
    Thread.sleep(300);
    Reply cancelled = api.post("/v1/runs/" + runId + "/cancel", null);
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
    assertThat(RunningServer.JSON.readTree(slow.get().body()).get("status").asText())
        .isEqualTo("cancelled");
    assertThat(api.post("/v1/runs/" + runId + "/cancel", null).errorCode())
        .isEqualTo("run_finished");
    assertThat(api.post("/v1/runs/r-ghost/cancel", null).status()).isEqualTo(404);

    Reply call =
        api.post(
            "/v1/agents/echo", "{\"customer\":\"acme\",\"input\":{\"text\":\"j\",\"times\":1}}");
    JsonNode journal = api.get("/v1/runs/" + call.json().get("runId").asText() + "/journal").json();
    assertThat(journal.get("steps")).isEmpty(); // echo makes no Context call
    JsonNode setup =
        api.get(
                "/v1/runs/"
                    + api.get("/v1/customers/acme").json().get("setupRunId").asText()
                    + "/journal")
            .json();
    assertThat(setup.get("steps").findValuesAsText("kind"))
        .contains("store.write", "memory.set", "stream");
    assertThat(setup.get("steps").get(0).get("status").asText()).isEqualTo("done");
  }

  @Test
  void aNewVersionServesNewRuns() {
    deployAndCreate("acme");
    assertThat(
            deploy(PluginJars.plugin("echo-plugin", "2.0.0", EchoAgentV2.class), "production")
                .status())
        .isEqualTo(201);
    Reply call =
        api.post(
            "/v1/agents/echo", "{\"customer\":\"acme\",\"input\":{\"text\":\"hi\",\"times\":1}}");
    assertThat(call.json().get("result").get("text").asText()).isEqualTo("HI");
    assertThat(
            api.get("/v1/runs/" + call.json().get("runId").asText()).json().get("version").asText())
        .isEqualTo("2.0.0");
  }
}
