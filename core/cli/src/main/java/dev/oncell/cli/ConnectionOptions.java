package dev.oncell.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --url} and {@code --key}, mixed into every command that calls the server. */
final class ConnectionOptions {

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "Server URL. Default: $ONCELL_URL, the saved login, or " + Connection.DEFAULT_URL + ".")
  Optional<String> url = Optional.empty();

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description =
          "API key. Default: $ONCELL_API_KEY, the saved login, or $ONCELL_HOME/operator.key.")
  Optional<String> key = Optional.empty();

  Connection resolve(CliEnvironment env) {
    return Connection.resolve(url, key, env);
  }
}
