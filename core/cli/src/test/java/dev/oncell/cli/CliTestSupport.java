package dev.oncell.cli;

import dev.oncell.client.CannedServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs the CLI in-process against a {@link CannedServer}, with a temporary home directory, an
 * explicit environment map and captured output.
 */
abstract class CliTestSupport {

  static final String KEY = "cli-test-key";

  static final String ACME =
      """
      {"id": "acme", "state": "ACTIVE", "agent": null, "env": "production",
       "config": {"plan": "pro"}, "setupRunId": null, "error": null,
       "createdAt": "2026-11-22T04:00:00Z", "lastActiveAt": "2026-11-22T05:30:00Z"}
      """;

  /**
   * What one CLI run produced. {@code stdout} is the raw byte channel used by {@code files get}.
   */
  record Run(int exitCode, String out, String err, byte[] stdout) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  @TempDir Path home;

  CannedServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = CannedServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** The environment of a logged-out user pointed at the canned server by variables. */
  Map<String, String> serverEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("ONCELL_URL", server.url().toString());
    env.put("ONCELL_API_KEY", KEY);
    env.put("ONCELL_HOME", home.resolve("oncell-home").toString());
    return env;
  }

  Run run(String... args) {
    return run(serverEnv(), "", args);
  }

  Run run(Map<String, String> env, String stdin, String... args) {
    return run(env, stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  Run run(Map<String, String> env, byte[] stdin, String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    CliEnvironment environment =
        new CliEnvironment(home, env, new ByteArrayInputStream(stdin), stdout, Optional.empty());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        new CommandLine(new Main(environment))
            .setExecutionExceptionHandler(new ErrorHandler())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(exitCode, out.toString(), err.toString(), stdout.toByteArray());
  }
}
