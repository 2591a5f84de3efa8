package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorsTest extends CliTestSupport {

  @Test
  void apiError_printsOneLineWithTheCodeAndExitsOne() {
    server.onJson(
        "GET /v1/customers/ghost",
        404,
        "{\"error\": {\"code\": \"not_found\", \"message\": \"no customer ghost\"}}");

    Run run = run("customers", "get", "ghost");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("oncell: no customer ghost (not_found)" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void nonJsonErrorBody_isReportedWithItsHttpCode() {
    server.on("GET /v1/customers", 500, Map.of(), "boom\nsecond line".getBytes());

    Run run = run("customers", "list");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .as("one line, even for a multi-line body")
        .isEqualTo("oncell: boom second line (http_500)" + System.lineSeparator());
  }

  @Test
  void unreachableServer_exitsThreeAndNamesTheUrl() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Map<String, String> env = serverEnv();
    env.put("ONCELL_URL", "http://127.0.0.1:" + port);

    Run run = run(env, "", "customers", "list");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .startsWith("oncell: ")
        .contains("127.0.0.1:" + port)
        .contains("(unreachable)");
  }

  @Test
  void debug_addsTheStackTrace() {
    Map<String, String> env = serverEnv();
    env.put("ONCELL_DEBUG", "1");

    Run run = run(env, "", "customers", "get", "ghost");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("oncell: ").contains("OncellApiException").contains("\tat ");
  }

  @Test
  void usageErrors_exitTwo() {
    assertThat(run("customers", "list", "--no-such-option").exitCode()).isEqualTo(2);
    assertThat(run("customers").exitCode()).as("group without subcommand").isEqualTo(2);
    assertThat(run().exitCode()).as("no command at all").isEqualTo(2);
    assertThat(run("customers", "get").exitCode()).as("missing ID").isEqualTo(2);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void version_andHelp() {
    Run version = run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out().strip()).isEqualTo("0.1.0");

    Run help = run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("login", "customers", "shell", "memory", "files")
        .contains("deploy", "deployments", "promote", "run", "stream", "runs");
  }
}
