package dev.oncell.cli;

import dev.oncell.runtime.Host;
import dev.oncell.runtime.HostConfig;
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

/** The CLI against a real host and server on an ephemeral loopback port, for end-to-end tests. */
final class LiveCli implements AutoCloseable {

  private static final String KEY = "live-cli-operator-key";

  final Host host;
  final OncellServer server;
  private final Path tmp;

  LiveCli(Path tmp, HostConfig config) {
    this.tmp = tmp;
    this.host = Host.open(config);
    host.apiKeys().bootstrapOperatorKey(Optional.of(KEY));
    this.server = OncellServer.builder(host).port(0).build().start();
  }

  LiveCli(Path tmp) {
    this(tmp, HostConfig.defaults(tmp.resolve("state")));
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

  Run oncell(String... args) {
    return withStdin("", args);
  }

  @Override
  public void close() {
    server.close();
    host.close();
  }
}
