package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.RunningServer.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShellApiTest {

  @RegisterExtension final TestHost oncell = TestHost.create();
  private final Path home = oncell.home();
  private RunningServer api;

  @BeforeEach
  void start() {
    api = new RunningServer(oncell);
    api.post("/v1/customers", "{\"id\":\"acme\"}");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void returnsEveryResultField() {
    api.put("/v1/customers/acme/files/greeting.txt", "hello from the cell");
    JsonNode result = api.shell("acme", "cat greeting.txt; echo oops >&2; exit 3").json();
    assertThat(result.get("stdout").asText()).isEqualTo("hello from the cell");
    assertThat(result.get("stderr").asText()).isEqualTo("oops\n");
    assertThat(result.get("exitCode").asInt()).isEqualTo(3);
    assertThat(result.get("failed").asBoolean()).isTrue();
    assertThat(result.get("timedOut").asBoolean()).isFalse();
    assertThat(result.get("truncated").asBoolean()).isFalse();
    assertThat(result.get("durationMs").isIntegralNumber()).isTrue();

    JsonNode ok = api.shell("acme", "true").json();
    assertThat(ok.get("exitCode").asInt()).isZero();
    assertThat(ok.get("failed").asBoolean()).isFalse();
  }

  @Test
  void optionsReachTheCommand() {
    api.shell("acme", "mkdir -p sub/dir");
    Reply reply =
        api.post(
            "/v1/customers/acme/shell",
            "{\"command\":\"pwd; cat; echo $NAME\",\"cwd\":\"sub/dir\",\"stdin\":\"in \",\"env\":{\"NAME\":\"acme\"}}");
    assertThat(reply.json().get("stdout").asText()).isEqualTo("/work/sub/dir\nin acme\n");
  }

  @Test
  void aHangingCommandIsKilledAtItsTimeout() {
    Reply reply =
        api.post(
            "/v1/customers/acme/shell",
            "{\"command\":\"(setsid sleep 313 &); sleep 313\",\"timeoutMs\":700}");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("timedOut").asBoolean()).isTrue();
    assertThat(reply.json().get("failed").asBoolean()).isTrue();
    assertThat(reply.json().get("exitCode").asInt()).isEqualTo(137);
    // Nothing of it is left on the host, not even the setsid orphan.
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep 313"))
                .toList())
        .isEmpty();
  }

  @Test
  void badShellRequestsAre400AndRunNothing() {
    String[] bodies = {
      "{}",
      "{\"command\":\"\"}",
      "{\"command\":\"   \"}",
      "{\"command\":42}",
      "{\"command\":\"touch x\",\"timeoutMs\":\"soon\"}",
      "{\"command\":\"touch x\",\"timeoutMs\":-5}",
      "{\"command\":\"touch x\",\"timeoutMs\":0}",
      "{\"command\":\"touch x\",\"timeoutMs\":99999999999}",
      "{\"command\":\"touch x\",\"timeoutMs\":1.5}",
      "{\"command\":\"touch x\",\"cwd\":\"../../..\"}",
      "{\"command\":\"touch x\",\"cwd\":\"/etc\"}",
      "{\"command\":\"touch x\",\"cwd\":\"missing\"}",
      "{\"command\":\"touch x\",\"env\":{\"BAD NAME\":\"v\"}}",
      "{\"command\":\"touch x\",\"env\":{\"N\":1}}",
      "{\"command\":\"touch x\",\"env\":[]}",
      "{\"command\":\"touch x\",\"timeout\":5}",
      "{\"command\":\"touch x\"",
    };
    for (String body : bodies) {
      Reply reply = api.post("/v1/customers/acme/shell", body);
      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.json().path("error").path("code").asText()).as(body).isNotBlank();
    }
    assertThat(home.resolve("cells/acme/work/x")).doesNotExist();
  }

  @Test
  void outputIsCappedNotExhaustingMemory() {
    JsonNode result = api.shell("acme", "head -c 50000000 /dev/zero | tr '\\0' x").json();
    assertThat(result.get("truncated").asBoolean()).isTrue();
    assertThat(result.get("stdout").asText()).contains("output truncated");
    assertThat(result.get("stdout").asText().length()).isLessThan((1 << 20) + 200);
  }
}
