package dev.oncell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellTest extends ClientTestSupport {

  private static final String RESPONSE =
      """
      {"stdout": "hello\\n", "stderr": "warn\\n", "exitCode": 3, "failed": true,
       "timedOut": false, "durationMs": 12, "truncated": false}
      """;

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void shell_withOnlyACommand_sendsOnlyTheCommand() throws Exception {
    server.onJson("POST /v1/customers/acme/shell", 200, RESPONSE);

    ShellResponse response = client.shell("acme", "echo hello");

    assertThat(mapper.readTree(server.lastRequest().body()))
        .isEqualTo(mapper.readTree("{\"command\":\"echo hello\"}"));
    assertThat(response.stdout()).isEqualTo("hello\n");
    assertThat(response.stderr()).isEqualTo("warn\n");
    assertThat(response.exitCode()).isEqualTo(3);
    assertThat(response.failed()).isTrue();
    assertThat(response.timedOut()).isFalse();
    assertThat(response.duration()).isEqualTo(Duration.ofMillis(12));
    assertThat(response.truncated()).isFalse();
  }

  @Test
  void shell_sendsEveryOptionalField() throws Exception {
    server.onJson("POST /v1/customers/acme/shell", 200, RESPONSE);

    client.shell(
        "acme",
        ShellRequest.of("cat")
            .withTimeout(Duration.ofSeconds(1))
            .withStdin("text")
            .withEnv(Map.of("K", "V"))
            .withCwd("sub/dir"));

    assertThat(mapper.readTree(server.lastRequest().body()))
        .isEqualTo(
            mapper.readTree(
                """
                {"command": "cat", "timeoutMs": 1000, "stdin": "text", "env": {"K": "V"},
                 "cwd": "sub/dir"}
                """));
  }

  @Test
  void shellResponseToJson_roundTripsTheWireFormat() throws Exception {
    server.onJson("POST /v1/customers/acme/shell", 200, RESPONSE);

    String json = client.shell("acme", "x").toJson().toString();

    assertThat(mapper.readTree(json)).isEqualTo(mapper.readTree(RESPONSE));
  }

  @Test
  void shellRequest_rejectsANonPositiveTimeout() {
    assertThatThrownBy(() -> ShellRequest.of("x").withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
