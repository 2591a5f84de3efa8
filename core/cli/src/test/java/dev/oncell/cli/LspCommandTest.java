package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code oncell lsp}: the language server on standard input and output. */
class LspCommandTest extends CliTestSupport {

  private static byte[] framed(String... messages) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (String message : messages) {
      byte[] body = message.getBytes(StandardCharsets.UTF_8);
      bytes.writeBytes(
          ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      bytes.writeBytes(body);
    }
    return bytes.toByteArray();
  }

  @Test
  void answersInitializeAndShutdownOnStdoutAndEndsOnExit() {
    server.onJson("GET /v1/customers/acme", 200, ACME);
    byte[] stdin =
        framed(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");

    Run run = run(serverEnv(), stdin, "lsp", "--customer", "acme");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    String out = new String(run.stdout(), StandardCharsets.UTF_8);
    assertThat(out).startsWith("Content-Length: ");
    assertThat(out)
        .contains(
            "\"id\":1", "\"serverInfo\":{\"name\":\"oncell\"", "\"workspaceSymbolProvider\":true");
    assertThat(out).contains("\"id\":2");
    assertThat(run.out()).as("picocli's text channel stays empty: stdout is LSP's").isEmpty();
  }

  @Test
  void aWrongKeyIsASignInErrorAnsweredToInitialize() {
    server.onJson(
        "GET /v1/customers/acme",
        401,
        "{\"error\": {\"code\": \"unauthorized\", \"message\": \"the API key is not valid\"}}");
    byte[] stdin =
        framed(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");

    Run run = run(serverEnv(), stdin, "lsp", "--customer", "acme");

    String out = new String(run.stdout(), StandardCharsets.UTF_8);
    assertThat(out).contains("\"id\":1", "\"error\"", "\"code\":\"unauthorized\"");
    assertThat(out).doesNotContain(KEY);
  }

  @Test
  void needsACustomer() {
    Run run = run(serverEnv(), new byte[0], "lsp");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("--customer");
  }
}
