package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.Host;
import dev.oncell.runtime.HostConfig;
import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.testagents.EchoAgent;
import dev.oncell.server.OncellServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's walkthrough, command by command, through the CLI against a real server and real
 * sandbox: create, write a file, cat it in the cell, memory, pause, resume, delete.
 */
class NewcomerWalkthroughTest {

  private static final String KEY = "walkthrough-operator-key";

  @TempDir Path tmp;
  private Host host;
  private OncellServer server;

  @BeforeEach
  void start() {
    host = Host.open(HostConfig.defaults(tmp.resolve("state")));
    host.apiKeys().bootstrapOperatorKey(Optional.of(KEY));
    server = OncellServer.builder(host).port(0).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
    host.close();
  }

  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  private Run withStdin(String stdin, String... args) {
    CliEnvironment env =
        new CliEnvironment(
            tmp.resolve("user"),
            Map.of("ONCELL_URL", server.url(), "ONCELL_API_KEY", KEY),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream(),
            Optional.empty());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new Main(env))
            .setExecutionExceptionHandler(new ErrorHandler())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Run oncell(String... args) {
    return withStdin("", args);
  }

  @Test
  void theQuickStartWorksEndToEnd() {
    assertThat(oncell("customers", "create", "acme", "--config", "{\"tier\":\"gold\"}").exitCode())
        .isZero();
    assertThat(oncell("customers", "list").out()).contains("acme").contains("ACTIVE");

    assertThat(
            withStdin("hello from acme\n", "files", "put", "--customer", "acme", "hello.txt")
                .exitCode())
        .isZero();
    Run cat = oncell("shell", "--customer", "acme", "--", "cat", "hello.txt");
    assertThat(cat.exitCode()).isZero();
    assertThat(cat.out()).isEqualTo("hello from acme\n");
    assertThat(oncell("shell", "--customer", "acme", "--", "exit", "7").exitCode()).isEqualTo(7);

    assertThat(oncell("memory", "set", "--customer", "acme", "plan", "{\"steps\":3}").exitCode())
        .isZero();
    assertThat(oncell("memory", "get", "--customer", "acme", "plan").out()).contains("\"steps\"");
    assertThat(oncell("memory", "keys", "--customer", "acme").out()).contains("plan");

    assertThat(oncell("customers", "pause", "acme").out()).contains("PAUSED");
    assertThat(oncell("customers", "get", "acme").out()).contains("PAUSED");
    assertThat(oncell("customers", "resume", "acme").out()).contains("ACTIVE");
    assertThat(oncell("files", "ls", "--customer", "acme").out()).contains("hello.txt");

    assertThat(oncell("customers", "delete", "acme").exitCode()).isZero();
    Run gone = oncell("customers", "get", "acme");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).startsWith("oncell: ").contains("(not_found)");
  }

  @Test
  void anAgentFromDeployToStream() throws Exception {
    Path jar =
        Files.write(
            tmp.resolve("echo.jar"), PluginJars.plugin("echo-plugin", "1.0.0", EchoAgent.class));
    Run deployed = oncell("deploy", jar.toString());
    assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
    assertThat(deployed.out()).contains("echo").contains("staging");
    assertThat(oncell("promote", "staging", "production").exitCode()).isZero();
    assertThat(oncell("deployments", "list").out()).contains("production");

    for (String customer : new String[] {"acme", "globex"}) {
      Run created = oncell("customers", "create", customer, "--agent", "echo", "--wait");
      assertThat(created.exitCode()).as(created.toString()).isZero();
      assertThat(created.out()).contains("ACTIVE");
    }

    Run call =
        oncell("run", "echo", "--customer", "acme", "--input", "{\"text\":\"hi\",\"times\":2}");
    assertThat(call.exitCode()).as(call.toString()).isZero();
    assertThat(call.out()).contains("\"hihi\"").contains("\"acme\"");

    Run streamed = oncell("stream", "lines", "--customer", "globex");
    assertThat(streamed.exitCode()).as(streamed.toString()).isZero();
    assertThat(streamed.out())
        .contains("first")
        .contains("set up for globex")
        .doesNotContain("set up for acme");

    Run failed = oncell("run", "fail", "--customer", "acme");
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err()).contains("boom from the agent");

    Run unknown = oncell("run", "nope", "--customer", "acme");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("(unknown_method)");

    assertThat(oncell("runs", "list", "--customer", "acme").out())
        .contains("echo")
        .contains("fail");
  }

  @Test
  void badInputGivesOneLineAndANonZeroExit() {
    Run bad = oncell("customers", "create", "Not_Valid");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err().lines()).hasSize(1);
    assertThat(bad.err()).contains("invalid_customer_id");
    Run escape = oncell("files", "get", "--customer", "nobody", "../x");
    assertThat(escape.exitCode()).isEqualTo(1);
    assertThat(oncell("customers", "list", "--json").out()).contains("\"customers\" : [ ]");
  }
}
