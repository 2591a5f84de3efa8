package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.LifecycleAgent;
import dev.oncell.runtime.testagents.OversizedAgent;
import dev.oncell.server.RunningServer.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a cell runs with, through the real server: backend, limits, disk use, last activity. */
class CellApiTest {

  private static final byte[] LIFECYCLE =
      PluginJars.plugin("lifecycle-plugin", "1.0.0", LifecycleAgent.class);

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

  private Reply deploy(byte[] jar, String query) {
    return api.call("POST", "/v1/deployments?" + query, jar, RunningServer.KEY);
  }

  @Test
  void aCustomerShowsItsBackendLimitsDiskUseAndLastActivity() throws Exception {
    api.post("/v1/customers", "{\"id\":\"acme\"}");
    api.put("/v1/customers/acme/files/src/a.txt", "x".repeat(100));

    JsonNode cell = api.get("/v1/customers/acme").json();

    assertThat(cell.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(cell.get("backend").asText()).isEqualTo("gvisor");
    assertThat(cell.get("limits").get("cpus").asDouble()).isEqualTo(2.0);
    assertThat(cell.get("limits").get("memoryBytes").asLong()).isEqualTo(4L << 30);
    assertThat(cell.get("limits").get("maxProcesses").asInt()).isEqualTo(1024);
    assertThat(cell.get("limits").get("diskBytes").asLong()).isZero();
    assertThat(cell.get("idleTimeoutSeconds").asLong()).isEqualTo(1800);
    // What the file occupies on disk (its allocated blocks), as stat(1) reports them.
    assertThat(cell.get("diskUsage").get("bytes").asLong())
        .as("allocated bytes of one 100-byte file")
        .isEqualTo(allocatedBytes(home.resolve("cells/acme/work/src/a.txt")));
    assertThat(cell.get("diskUsage").get("files").asLong()).isEqualTo(1);
    assertThat(cell.get("lastActiveAt").asText()).isNotBlank();

    JsonNode listed = api.get("/v1/customers").json().get("customers").get(0);
    assertThat(listed.get("backend").asText()).isEqualTo("gvisor");
    assertThat(listed.get("diskUsage")).as("the last measure").isEqualTo(cell.get("diskUsage"));
  }

  @Test
  void aDeploymentNamesItsBackendAndItsCellsReportIt() {
    Reply refused = deploy(LIFECYCLE, "env=production&sandbox=bogus");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("sandbox_unavailable");
    assertThat(refused.json().path("error").path("message").asText()).contains("bogus");

    Reply deployed = deploy(LIFECYCLE, "env=production&sandbox=none");
    assertThat(deployed.status()).isEqualTo(201);
    assertThat(deployed.json().get("sandbox").asText()).isEqualTo("none");
    assertThat(deployed.json().get("backend").asText()).isEqualTo("none");

    Reply created =
        api.post(
            "/v1/customers?wait=true",
            "{\"id\":\"acme\",\"agent\":\"lifecycle\",\"env\":\"production\"}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode cell = api.get("/v1/customers/acme").json();
    assertThat(cell.get("backend").asText()).isEqualTo("none");
    assertThat(cell.get("limits").get("cpus").asDouble()).isEqualTo(1.0);
    assertThat(cell.get("limits").get("memoryBytes").asLong()).isEqualTo(512L << 20);
    assertThat(cell.get("idleTimeoutSeconds").asLong()).isEqualTo(300);
  }

  @Test
  void theHostDefaultIsShownForADeploymentThatNamesNone() {
    JsonNode deployed = deploy(LIFECYCLE, "env=staging").json();
    assertThat(deployed.get("sandbox").isNull()).isTrue();
    assertThat(deployed.get("backend").asText()).isEqualTo("gvisor");
  }

  @Test
  void badDeploymentsAreRefusedWithClearErrors() {
    Reply oversized =
        deploy(PluginJars.plugin("oversized-plugin", "1.0.0", OversizedAgent.class), "env=staging");
    assertThat(oversized.status()).isEqualTo(400);
    assertThat(oversized.errorCode()).isEqualTo("invalid_cell_spec");

    Reply typo = deploy(LIFECYCLE, "env=staging&sandox=none");
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.json().path("error").path("message").asText()).contains("sandox");
    assertThat(api.get("/v1/deployments").json().get("deployments")).isEmpty();
  }

  private static long allocatedBytes(java.nio.file.Path file) throws Exception {
    Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).start();
    String[] out =
        new String(stat.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .strip()
            .split(" ");
    assertThat(stat.waitFor()).isZero();
    return Long.parseLong(out[0]) * Long.parseLong(out[1]);
  }
}
