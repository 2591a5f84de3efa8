package dev.oncell.bench;

import dev.oncell.cli.CliEnvironment;
import dev.oncell.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code oncell ...} as {@code ./oncell bench} does ({@link BenchMain}'s command tree) with a
 * temporary home and captured output. The benchmarks start their own servers.
 */
final class BenchCli {

  private BenchCli() {}

  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  static Run oncell(Path tmp, String... args) {
    CliEnvironment env =
        new CliEnvironment(
            tmp.resolve("user"),
            Map.of(),
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            Optional.empty());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        BenchMain.commandLine(new Main(env))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
