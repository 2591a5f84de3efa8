package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.runtime.PluginJars;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.testagents.EchoAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walkthrough, command by command, through the CLI against a real server and real
 * sandbox: create, write a file, cat it in the cell, memory, pause, resume, delete.
 */
class NewcomerWalkthroughTest {

  @RegisterExtension final TestHost oncell = TestHost.create();

  /** The CLI user's home, and files to deploy. */
  @TempDir Path tmp;

  private LiveCli cli;

  @BeforeEach
  void start() {
    cli = new LiveCli(oncell, tmp.resolve("user"));
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  private LiveCli.Run withStdin(String stdin, String... args) {
    return cli.withStdin(stdin, args);
  }

  private LiveCli.Run oncell(String... args) {
    return cli.oncell(args);
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
    LiveCli.Run cat = oncell("shell", "--customer", "acme", "--", "cat", "hello.txt");
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
    LiveCli.Run gone = oncell("customers", "get", "acme");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).startsWith("oncell: ").contains("(not_found)");
  }

  @Test
  void anAgentFromDeployToStream() throws Exception {
    Path jar =
        Files.write(
            tmp.resolve("echo.jar"), PluginJars.plugin("echo-plugin", "1.0.0", EchoAgent.class));
    LiveCli.Run deployed = oncell("deploy", jar.toString());
    assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
    assertThat(deployed.out()).contains("echo").contains("staging");
    assertThat(oncell("promote", "staging", "production").exitCode()).isZero();
    assertThat(oncell("deployments", "list").out()).contains("production");

    for (String customer : new String[] {"acme", "globex"}) {
      LiveCli.Run created = oncell("customers", "create", customer, "--agent", "echo", "--wait");
      assertThat(created.exitCode()).as(created.toString()).isZero();
      assertThat(created.out()).contains("ACTIVE");
    }

    LiveCli.Run call =
        oncell("run", "echo", "--customer", "acme", "--input", "{\"text\":\"hi\",\"times\":2}");
    assertThat(call.exitCode()).as(call.toString()).isZero();
    assertThat(call.out()).contains("\"hihi\"").contains("\"acme\"");

    LiveCli.Run streamed = oncell("stream", "lines", "--customer", "globex");
    assertThat(streamed.exitCode()).as(streamed.toString()).isZero();
    assertThat(streamed.out())
        .contains("first")
        .contains("set up for globex")
        .doesNotContain("set up for acme");

    LiveCli.Run failed = oncell("run", "fail", "--customer", "acme");
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err()).contains("boom from the agent");

    LiveCli.Run unknown = oncell("run", "nope", "--customer", "acme");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("(unknown_method)");

    assertThat(oncell("runs", "list", "--customer", "acme").out())
        .contains("echo")
        .contains("fail");
  }

  @Test
  void badInputGivesOneLineAndANonZeroExit() {
    LiveCli.Run bad = oncell("customers", "create", "Not_Valid");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err().lines()).hasSize(1);
    assertThat(bad.err()).contains("invalid_customer_id");
    LiveCli.Run escape = oncell("files", "get", "--customer", "nobody", "../x");
    assertThat(escape.exitCode()).isEqualTo(1);
    assertThat(oncell("customers", "list", "--json").out()).contains("\"customers\" : [ ]");
  }
}
