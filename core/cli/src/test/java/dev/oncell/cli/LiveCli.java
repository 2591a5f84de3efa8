package dev.oncell.cli;

import dev.oncell.runtime.Host;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.OncellServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The CLI against a real server on an ephemeral loopback port over the host of a {@link TestHost}
 * (a real host in a temporary ONCELL_HOME), for end-to-end tests. Closing it closes the server and
 * stops the host; the home stays until the fixture is closed.
 */
final class LiveCli implements AutoCloseable {

  private static final String KEY = "live-cli-operator-key";

  final Host host;
  final OncellServer server;
  private final TestHost oncell;
  private final Path user;

  /**
   * Opens {@code oncell}'s host if it is not open and serves it; the CLI runs with {@code user} as
   * its user's home folder.
   */
  LiveCli(TestHost oncell, Path user) {
    this.oncell = oncell;
    this.user = user;
    this.host = oncell.isOpen() ? oncell.host() : oncell.open();
    host.apiKeys().bootstrapOperatorKey(Optional.of(KEY));
    this.server = OncellServer.builder(host).port(0).build().start();
  }

  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  Run withStdin(String stdin, String... args) {
    CliEnvironment env =
        new CliEnvironment(
            user,
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

  Run oncell(String... args) {
    return withStdin("", args);
  }

  @Override
  public void close() {
    server.close();
    oncell.stop();
  }
}
