package dev.oncell.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CustomersTest extends ClientTestSupport {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void health_isParsedAndCarriesTheKey() {
    server.onJson("GET /health", 200, "{\"status\": \"ok\", \"version\": \"0.1.0\"}");

    Health health = client.health();

    assertThat(health.ok()).as("status ok").isTrue();
    assertThat(health.body().path("version").asText()).isEqualTo("0.1.0");
    assertThat(server.lastRequest().header("Authorization")).contains("Bearer " + KEY);
  }

  @Test
  void create_postsIdAndConfigAndParsesTheCustomer() throws Exception {
    server.onJson("POST /v1/customers", 201, ACME);

    Customer customer = client.customers().create("acme", mapper.readTree("{\"plan\":\"pro\"}"));

    assertThat(customer.id()).isEqualTo("acme");
    assertThat(customer.state()).isEqualTo("ACTIVE");
    assertThat(customer.agent()).as("agent null on the wire").isEmpty();
    assertThat(customer.config().path("plan").asText()).isEqualTo("pro");
    assertThat(customer.createdAt()).isEqualTo(Instant.parse("2026-11-22T04:00:00Z"));
    assertThat(customer.lastActiveAt()).isEqualTo(Instant.parse("2026-11-22T05:30:00Z"));
    CannedServer.Recorded request = server.lastRequest();
    assertThat(request.header("Authorization")).contains("Bearer " + KEY);
    assertThat(request.header("Content-Type")).contains("application/json");
    assertThat(mapper.readTree(request.body()))
        .isEqualTo(mapper.readTree("{\"id\":\"acme\",\"config\":{\"plan\":\"pro\"}}"));
  }

  @Test
  void create_withoutConfig_sendsOnlyTheId() throws Exception {
    server.onJson("POST /v1/customers", 201, ACME);

    client.customers().create("acme");

    assertThat(mapper.readTree(server.lastRequest().body()))
        .isEqualTo(mapper.readTree("{\"id\":\"acme\"}"));
  }

  @Test
  void create_withAgentEnvAndWait_sendsThemAndWaitsWithoutATimeLimit() throws Exception {
    server.onJson(
        "POST /v1/customers?wait=true",
        201,
        """
        {"id": "acme", "state": "ACTIVE", "agent": "data-analysis", "env": "staging",
         "config": {}, "setupRunId": "r-1", "error": null,
         "createdAt": "2026-11-22T04:00:00Z", "lastActiveAt": "2026-11-22T04:00:00Z"}
        """);

    Customer customer =
        client
            .customers()
            .create(
                CreateCustomer.of("acme")
                    .withAgent("data-analysis")
                    .withEnv("staging")
                    .withConfig(mapper.readTree("{\"repo\": \"x\"}"))
                    .withWaitForSetup(true));

    assertThat(customer.agent()).contains("data-analysis");
    assertThat(customer.env()).isEqualTo("staging");
    assertThat(customer.setupRunId()).contains("r-1");
    assertThat(customer.error()).isEmpty();
    assertThat(customer.failed()).isFalse();
    assertThat(server.lastRequest().rawQuery()).contains("wait=true");
    assertThat(mapper.readTree(server.lastRequest().body()))
        .isEqualTo(
            mapper.readTree(
                """
                {"id": "acme", "config": {"repo": "x"}, "agent": "data-analysis",
                 "env": "staging"}
                """));
  }

  @Test
  void create_whoseSetupFailed_returnsAFailedCustomerWithItsError() throws Exception {
    String failed =
        """
        {"id": "acme", "state": "FAILED", "agent": "data-analysis", "env": "production",
         "config": {}, "setupRunId": "r-9",
         "error": {"code": "setup_failed", "message": "clone failed"},
         "createdAt": "2026-11-22T04:00:00Z", "lastActiveAt": "2026-11-22T04:00:00Z"}
        """;
    server.onJson("POST /v1/customers?wait=true", 201, failed);

    Customer customer =
        client
            .customers()
            .create(CreateCustomer.of("acme").withAgent("data-analysis").withWaitForSetup(true));

    assertThat(customer.failed()).as("state FAILED").isTrue();
    assertThat(customer.error()).contains(new ApiError("setup_failed", "clone failed"));
    assertThat(customer.toJson()).as("toJson round trip").isEqualTo(mapper.readTree(failed));
  }

  @Test
  void customerFromAnOlderServer_withoutEnvOrSetupFields_defaultsToProduction() {
    server.onJson(
        "GET /v1/customers/old",
        200,
        """
        {"id": "old", "state": "ACTIVE", "config": {}, "createdAt": "2026-11-22T04:00:00Z"}
        """);

    Customer customer = client.customers().get("old");

    assertThat(customer.env()).isEqualTo("production");
    assertThat(customer.setupRunId()).isEmpty();
    assertThat(customer.error()).isEmpty();
    assertThat(customer)
        .as("the six-argument constructor means the same defaults")
        .isEqualTo(
            new Customer(
                "old",
                "ACTIVE",
                Optional.empty(),
                mapper.createObjectNode(),
                Instant.parse("2026-11-22T04:00:00Z"),
                Instant.parse("2026-11-22T04:00:00Z")));
  }

  @Test
  void list_parsesEveryCustomer() {
    server.onJson(
        "GET /v1/customers",
        200,
        """
        {"customers": [%s, {"id": "beta", "state": "PAUSED", "agent": "coder", "config": {},
          "createdAt": "2026-11-23T00:00:00Z", "lastActiveAt": "2026-11-23T00:00:01Z"}]}
        """
            .formatted(ACME));

    var customers = client.customers().list();

    assertThat(customers).extracting(Customer::id).containsExactly("acme", "beta");
    assertThat(customers.get(1).agent()).contains("coder");
    assertThat(customers.get(1).state()).isEqualTo("PAUSED");
  }

  @Test
  void get_encodesTheIdAsOneSegment() {
    server.onJson("GET /v1/customers/acme%20corp%2F1", 200, ACME);

    client.customers().get("acme corp/1");

    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/customers/acme%20corp%2F1");
    assertThat(server.lastRequest().decodedPath()).isEqualTo("/v1/customers/acme corp/1");
  }

  @Test
  void delete_pause_resume_hitTheirRoutes() {
    server.on("DELETE /v1/customers/acme", 204, Map.of(), new byte[0]);
    server.onJson("POST /v1/customers/acme/pause", 200, ACME.replace("ACTIVE", "PAUSED"));
    server.onJson("POST /v1/customers/acme/resume", 200, ACME);

    assertThat(client.customers().pause("acme").state()).isEqualTo("PAUSED");
    assertThat(client.customers().resume("acme").state()).isEqualTo("ACTIVE");
    client.customers().delete("acme");

    assertThat(server.requests())
        .extracting(r -> r.method() + " " + r.rawPath())
        .containsExactly(
            "POST /v1/customers/acme/pause",
            "POST /v1/customers/acme/resume",
            "DELETE /v1/customers/acme");
  }

  @Test
  void customerToJson_roundTripsTheWireFormat() throws Exception {
    server.onJson("GET /v1/customers/acme", 200, ACME);

    Customer customer = client.customers().get("acme");

    assertThat(customer.toJson()).isEqualTo(mapper.readTree(ACME));
    assertThat(customer.agent()).isEqualTo(Optional.empty());
  }

  @Test
  void baseUrlWithPathPrefixAndTrailingSlash_isKept() {
    server.onJson("GET /prefix/v1/customers", 200, "{\"customers\": []}");

    try (OncellClient prefixed =
        OncellClient.builder().url(server.url().resolve("/prefix/")).apiKey(KEY).build()) {
      assertThat(prefixed.customers().list()).isEmpty();
    }

    assertThat(server.lastRequest().rawPath()).isEqualTo("/prefix/v1/customers");
  }
}
