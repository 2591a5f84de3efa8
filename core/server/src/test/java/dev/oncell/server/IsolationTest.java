package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.fixtures.TestHost;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a command in cell A can reach, through the real server and the real sandbox. */
class IsolationTest {

  @RegisterExtension final TestHost oncell = TestHost.create();
  private final Path home = oncell.home();
  private RunningServer api;

  @BeforeEach
  void start() {
    api = new RunningServer(oncell);
    api.post("/v1/customers", "{\"id\":\"cell-a\"}");
    api.post("/v1/customers", "{\"id\":\"cell-b\"}");
    api.put("/v1/customers/cell-b/files/b-private.txt", "b's secret");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private String runInA(String command) {
    // `find /` under gVisor on a loaded machine can take longer than the helper's 20 s default.
    JsonNode result =
        api.post(
                "/v1/customers/cell-a/shell",
                RunningServer.JSON
                    .createObjectNode()
                    .put("command", command)
                    .put("timeoutMs", 120_000)
                    .toString())
            .json();
    return result.get("stdout").asText() + result.get("stderr").asText();
  }

  @Test
  void cannotReadListOrFindAnotherCellsFiles() {
    Path bWork = home.resolve("cells/cell-b/work");
    String out =
        runInA(
            "cat "
                + bWork.resolve("b-private.txt")
                + "; ls "
                + bWork
                + "; find / -name 'b-private*' 2>/dev/null; cat /work/../cell-b/work/b-private.txt");
    assertThat(out).doesNotContain("b's secret").doesNotContain("b-private.txt\n");
  }

  @Test
  void cannotFindTheControlPlaneDatabaseOrTheHome() {
    String out =
        runInA(
            "find / -name '*.mv.db' 2>/dev/null; ls "
                + home
                + " 2>&1; cat "
                + home.resolve("operator.key")
                + " 2>&1");
    assertThat(out).doesNotContain("oncell.mv.db").doesNotContain("cell.mv.db");
    assertThat(out).contains("No such file or directory");
  }

  @Test
  void cannotReachTheServersPortOrAnyNetwork() {
    String out =
        runInA(
            "(exec 3<>/dev/tcp/127.0.0.1/"
                + api.server.port()
                + " && echo CONNECTED) 2>/dev/null || echo no-route;"
                + " (exec 3<>/dev/tcp/10.0.0.1/80) 2>/dev/null || echo no-route-out");
    assertThat(out).contains("no-route").contains("no-route-out").doesNotContain("CONNECTED");
  }

  @Test
  void seesOnlyItsOwnProcessesAndNoHostSecrets() {
    String out = runInA("ps -e -o comm=; env");
    assertThat(out).doesNotContain("java").doesNotContain("ONCELL_API_KEY");
    assertThat(out).doesNotContain(RunningServer.KEY);
  }
}
