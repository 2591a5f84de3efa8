package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.RunningServer.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CustomerApiTest {

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

  private String ids() {
    return api.get("/v1/customers").json().findValuesAsText("id").toString();
  }

  @Test
  void healthNeedsNoKeyButEverythingElseDoes() {
    Reply health = api.call("GET", "/health", null, null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("ok");
    assertThat(health.json().get("sandbox").asText()).isEqualTo("gvisor");

    Reply missing = api.call("GET", "/v1/customers", null, null);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.errorCode()).isEqualTo("unauthorized");
    assertThat(missing.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(api.call("GET", "/v1/customers", null, "wrong-key").status()).isEqualTo(401);
    assertThat(api.call("POST", "/v1/customers", "{\"id\":\"x\"}".getBytes(), "wrong").status())
        .isEqualTo(401);
    assertThat(ids()).isEqualTo("[]");
  }

  @Test
  void lifecycleThroughTheApi() {
    Reply created = api.post("/v1/customers", "{\"id\":\"acme\",\"config\":{\"tier\":\"gold\"}}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("id").asText()).isEqualTo("acme");
    assertThat(created.json().get("state").asText()).isEqualTo("ACTIVE");
    assertThat(created.json().get("config").get("tier").asText()).isEqualTo("gold");
    assertThat(created.json().get("agent").isNull()).isTrue();

    assertThat(api.get("/v1/customers/acme").json().get("state").asText()).isEqualTo("ACTIVE");
    assertThat(ids()).isEqualTo("[acme]");

    Reply paused = api.post("/v1/customers/acme/pause", null);
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.json().get("state").asText()).isEqualTo("PAUSED");
    assertThat(api.get("/v1/customers/acme").json().get("state").asText()).isEqualTo("PAUSED");

    Reply resumed = api.post("/v1/customers/acme/resume", null);
    assertThat(resumed.json().get("state").asText()).isEqualTo("ACTIVE");

    assertThat(api.delete("/v1/customers/acme").status()).isEqualTo(204);
    assertThat(api.get("/v1/customers/acme").status()).isEqualTo(404);
    assertThat(home.resolve("cells/acme")).doesNotExist();
    assertThat(ids()).isEqualTo("[]");
  }

  @Test
  void aPausedCellWakesOnAnyCall() {
    api.post("/v1/customers", "{\"id\":\"acme\"}");
    api.put("/v1/customers/acme/memory/k", "42");
    api.post("/v1/customers/acme/pause", null);
    assertThat(api.get("/v1/customers/acme/memory/k").json().get("value").asInt()).isEqualTo(42);
    assertThat(api.get("/v1/customers/acme").json().get("state").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void badCreateRequestsAreRefusedAndChangeNothing() {
    api.post("/v1/customers", "{\"id\":\"acme\"}");
    record Case(String body, int status, String code) {}
    Case[] cases = {
      new Case("{\"id\":\"acme\"}", 409, "customer_exists"),
      new Case("{\"id\":\"Bad_Id\"}", 400, "invalid_customer_id"),
      new Case("{\"id\":\"-lead\"}", 400, "invalid_customer_id"),
      new Case("{\"id\":\"" + "a".repeat(64) + "\"}", 400, "invalid_customer_id"),
      new Case("{\"id\":\"ok\",", 400, "malformed_json"),
      new Case("not json", 400, "malformed_json"),
      new Case("", 400, "malformed_json"),
      new Case("[1,2]", 400, "invalid_request"),
      new Case("{}", 400, "invalid_request"),
      new Case("{\"id\":7}", 400, "invalid_request"),
      new Case("{\"id\":\"ok\",\"config\":[1]}", 400, "invalid_request"),
      new Case("{\"id\":\"ok\",\"colour\":\"red\"}", 400, "invalid_request"),
      new Case("{\"id\":\"ok\",\"agent\":\"nobody\"}", 400, "unknown_agent"),
    };
    for (Case c : cases) {
      Reply reply = api.post("/v1/customers", c.body());
      assertThat(reply.status()).as("status for %s", c.body()).isEqualTo(c.status());
      assertThat(reply.errorCode()).as("code for %s", c.body()).isEqualTo(c.code());
      assertThat(reply.json().path("error").path("message").asText()).isNotBlank();
    }
    assertThat(ids()).isEqualTo("[acme]");
    assertThat(home.resolve("cells/ok")).doesNotExist();
  }

  @Test
  void unknownCustomersAndRoutesAre404() {
    for (String[] call :
        new String[][] {
          {"GET", "/v1/customers/ghost"},
          {"DELETE", "/v1/customers/ghost"},
          {"POST", "/v1/customers/ghost/pause"},
          {"POST", "/v1/customers/ghost/resume"},
          {"GET", "/v1/customers/ghost/files/a.txt"},
          {"GET", "/v1/customers/ghost/memory"},
          {"GET", "/v1/nothing-here"},
        }) {
      Reply reply = api.call(call[0], call[1], null, RunningServer.KEY);
      assertThat(reply.status()).as("%s %s", call[0], call[1]).isEqualTo(404);
      assertThat(reply.errorCode()).isIn("not_found", "no_route");
    }
    Reply shell = api.shell("ghost", "true");
    assertThat(shell.status()).isEqualTo(404);
    assertThat(api.put("/v1/customers/ghost/files/a.txt", "x").status()).isEqualTo(404);
    assertThat(home.resolve("cells/ghost")).doesNotExist();
  }

  @Test
  void customerTokensReachOnlyTheirOwnCell() {
    api.post("/v1/customers", "{\"id\":\"acme\"}");
    api.post("/v1/customers", "{\"id\":\"globex\"}");
    String token = api.host.apiKeys().issueCustomerToken("acme", "editor");
    assertThat(api.call("PUT", "/v1/customers/acme/memory/k", "1".getBytes(), token).status())
        .isEqualTo(200);
    assertThat(api.call("GET", "/v1/customers/acme", null, token).status()).isEqualTo(200);
    assertThat(api.call("GET", "/v1/customers/globex", null, token).status()).isEqualTo(403);
    assertThat(api.call("GET", "/v1/customers/globex/memory", null, token).status()).isEqualTo(403);
    assertThat(api.call("GET", "/v1/customers", null, token).status()).isEqualTo(403);
    assertThat(api.call("DELETE", "/v1/customers/acme", null, token).status()).isEqualTo(403);
    assertThat(ids()).isEqualTo("[acme, globex]");
  }

  @Test
  void stateSurvivesAGracefulRestart() {
    api.post("/v1/customers", "{\"id\":\"acme\"}");
    api.put("/v1/customers/acme/memory/plan", "{\"steps\":[1,2]}");
    api.put("/v1/customers/acme/files/notes.md", "# notes");
    api.post("/v1/customers", "{\"id\":\"sleepy\"}");
    api.post("/v1/customers/sleepy/pause", null);
    api.close();
    api = new RunningServer(oncell);
    assertThat(api.get("/v1/customers/acme/memory/plan").json().get("value").toString())
        .isEqualTo("{\"steps\":[1,2]}");
    assertThat(api.get("/v1/customers/acme/files/notes.md").body()).isEqualTo("# notes");
    assertThat(api.get("/v1/customers/sleepy").json().get("state").asText()).isEqualTo("PAUSED");
  }
}
