package dev.oncell.cli;

import dev.oncell.client.OncellClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oncell login}: checks a server URL and API key with {@code GET /v1/customers}, then saves
 * them to {@code ~/.oncell/config} (mode 600). Nothing is saved if the check fails.
 */
@Command(
    name = "login",
    description =
        "Save the server URL and API key to ~/.oncell/config. Without --key, the key is read"
            + " from stdin (one line) or prompted for.")
final class LoginCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "Server URL.")
  String url;

  @Option(names = "--key", paramLabel = "KEY", description = "API key.")
  Optional<String> key = Optional.empty();

  @Override
  public Integer call() throws IOException {
    CliEnvironment env = Main.environment(spec);
    URI server = Connection.parseUrl(url);
    String apiKey = key.map(String::strip).filter(k -> !k.isEmpty()).orElseGet(() -> read(env));
    try (OncellClient client = OncellClient.create(server, apiKey)) {
      client.customers().list();
    }
    ConfigFile.save(env.home(), server, apiKey);
    spec.commandLine().getOut().println("Logged in to " + server);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private String read(CliEnvironment env) {
    Optional<String> line;
    if (env.console().isPresent()) {
      line =
          Optional.ofNullable(env.console().get().readPassword("API key for %s: ", url))
              .map(String::new);
    } else {
      try {
        line =
            Optional.ofNullable(
                new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8))
                    .readLine());
      } catch (IOException e) {
        throw new CliException("cannot read the API key from stdin", "no_key", 1, e);
      }
    }
    return line.map(String::strip)
        .filter(k -> !k.isEmpty())
        .orElseThrow(() -> new CliException("no API key given", "no_key", 2));
  }
}
