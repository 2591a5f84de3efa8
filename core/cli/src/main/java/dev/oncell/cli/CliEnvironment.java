package dev.oncell.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the CLI reads from or writes to its process, passed in so tests can substitute a
 * temporary home directory, an environment map and captured streams.
 *
 * @param home the user's home directory ({@code ~}); holds {@code .oncell/config}
 * @param env environment variables ({@code ONCELL_URL}, {@code ONCELL_API_KEY}, {@code
 *     ONCELL_HOME}, {@code ONCELL_DEBUG})
 * @param stdin standard input, for piped file content and API keys
 * @param stdout standard output as bytes, for raw file content (text goes to picocli's writer)
 * @param console the interactive terminal, present only when there is one
 */
public record CliEnvironment(
    Path home,
    Map<String, String> env,
    InputStream stdin,
    OutputStream stdout,
    Optional<Console> console) {

  public CliEnvironment {
    Objects.requireNonNull(home, "home");
    env = Map.copyOf(Objects.requireNonNull(env, "env"));
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(console, "console");
  }

  /** The real process: {@code user.home}, {@code System.getenv()}, {@code System.in/out}. */
  public static CliEnvironment system() {
    return new CliEnvironment(
        Path.of(System.getProperty("user.home")),
        System.getenv(),
        System.in,
        System.out,
        Optional.ofNullable(System.console()).filter(Console::isTerminal));
  }

  /** A non-blank environment variable. */
  Optional<String> variable(String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
  }

  /** {@code $ONCELL_HOME}, or {@code ~/.oncell}. */
  Path oncellHome() {
    return variable("ONCELL_HOME").map(Path::of).orElse(home.resolve(".oncell"));
  }

  /** Whether {@code ONCELL_DEBUG=1}: print stack traces with errors. */
  boolean debug() {
    return variable("ONCELL_DEBUG").filter("1"::equals).isPresent();
  }
}
