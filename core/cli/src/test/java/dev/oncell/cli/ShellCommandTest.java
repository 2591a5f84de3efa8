package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ShellCommandTest extends CliTestSupport {

  private static final String ROUTE = "POST /v1/customers/acme/shell";

  private final ObjectMapper mapper = new ObjectMapper();

  private static String response(String stdout, String stderr, int exitCode, boolean timedOut) {
    return """
        {"stdout": %s, "stderr": %s, "exitCode": %d, "failed": %b, "timedOut": %b,
         "durationMs": 12, "truncated": false}
        """
        .formatted(quote(stdout), quote(stderr), exitCode, exitCode != 0 || timedOut, timedOut);
  }

  private static String quote(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }

  @Test
  void joinsTheWordsAfterDoubleDashAndPrintsStreamsExactly() throws Exception {
    server.onJson(ROUTE, 200, response("a\nb", "warn\n", 0, false));

    Run run = run("shell", "--customer", "acme", "--", "ls", "-la", "/tmp");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("a\nb");
    assertThat(run.err()).isEqualTo("warn\n");
    assertThat(mapper.readTree(server.lastRequest().body()))
        .isEqualTo(mapper.readTree("{\"command\": \"ls -la /tmp\"}"));
  }

  @Test
  void exitsWithTheCommandsExitCode_andSendsOptions() throws Exception {
    server.onJson(ROUTE, 200, response("", "nope\n", 7, false));

    Run run =
        run(
            "shell",
            "--customer=acme",
            "--timeout-ms",
            "1500",
            "--cwd",
            "src",
            "--env",
            "A=1",
            "--",
            "false");

    assertThat(run.exitCode()).isEqualTo(7);
    assertThat(mapper.readTree(server.lastRequest().body()))
        .isEqualTo(
            mapper.readTree(
                """
                {"command": "false", "timeoutMs": 1500, "cwd": "src", "env": {"A": "1"}}
                """));
  }

  @Test
  void timedOut_exits124() {
    server.onJson(ROUTE, 200, response("partial", "", 137, true));

    assertThat(run("shell", "--customer", "acme", "--", "sleep", "100").exitCode())
        .isEqualTo(ShellCommand.TIMED_OUT);
  }

  @Test
  void stdin_isForwardedWhenAsked() throws Exception {
    server.onJson(ROUTE, 200, response("", "", 0, false));

    run(serverEnv(), "piped text", "shell", "--customer", "acme", "--stdin", "--", "cat");

    assertThat(mapper.readTree(server.lastRequest().body()).path("stdin").asText())
        .isEqualTo("piped text");
  }

  @Test
  void json_printsTheWholeResponse() throws Exception {
    String body = response("out", "err", 3, false);
    server.onJson(ROUTE, 200, body);

    Run run = run("shell", "--customer", "acme", "--json", "--", "x");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(mapper.readTree(run.out())).isEqualTo(mapper.readTree(body));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void withoutACommand_isAUsageError() {
    assertThat(run("shell", "--customer", "acme").exitCode()).isEqualTo(2);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void customerIsRequired() {
    Run run = run(serverEnv(), "", "shell", "--", "ls");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--customer");
  }
}
