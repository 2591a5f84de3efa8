package dev.oncell.cli;

import dev.oncell.client.OncellClient;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Which server to call and with which key. Each is resolved on its own: the flag, then {@code
 * ONCELL_URL} / {@code ONCELL_API_KEY}, then {@code ~/.oncell/config}, then the defaults ({@value
 * #DEFAULT_URL} and the key in {@code $ONCELL_HOME/operator.key}).
 */
record Connection(URI url, String key) {

  static final String DEFAULT_URL = "http://127.0.0.1:8080";
  static final String OPERATOR_KEY_FILE = "operator.key";

  Connection {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(key, "key");
  }

  static Connection resolve(
      Optional<String> urlFlag, Optional<String> keyFlag, CliEnvironment env) {
    Properties config = ConfigFile.load(env.home());
    String url =
        first(
                List.of(
                    () -> nonBlank(urlFlag),
                    () -> env.variable("ONCELL_URL"),
                    () -> ConfigFile.value(config, ConfigFile.URL)))
            .orElse(DEFAULT_URL);
    String key =
        first(
                List.of(
                    () -> nonBlank(keyFlag),
                    () -> env.variable("ONCELL_API_KEY"),
                    () -> ConfigFile.value(config, ConfigFile.KEY),
                    () -> operatorKey(env)))
            .orElseThrow(
                () ->
                    new CliException(
                        "no API key for "
                            + url
                            + ": run 'oncell login --url "
                            + url
                            + "' or set ONCELL_API_KEY",
                        "not_logged_in",
                        1));
    return new Connection(parseUrl(url), key);
  }

  /** An http(s) URL, or a usage error naming the bad value. */
  static URI parseUrl(String value) {
    try {
      URI uri = new URI(value.strip());
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new URISyntaxException(value, "expected http://host:port or https://host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new CliException("invalid server URL '" + value + "'", "invalid_url", 2, e);
    }
  }

  /** A client for this connection; the caller closes it. */
  OncellClient client() {
    return OncellClient.create(url, key);
  }

  /** The first present value, asking each source only if the earlier ones had none. */
  private static Optional<String> first(List<Supplier<Optional<String>>> sources) {
    return sources.stream().map(Supplier::get).flatMap(Optional::stream).findFirst();
  }

  private static Optional<String> nonBlank(Optional<String> value) {
    return value.map(String::strip).filter(v -> !v.isEmpty());
  }

  private static Optional<String> operatorKey(CliEnvironment env) {
    Path file = env.oncellHome().resolve(OPERATOR_KEY_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return nonBlank(Optional.of(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), "config_error", 1, e);
    }
  }

  @Override
  public String toString() {
    return "Connection[url=" + url + ", key=***]";
  }
}
