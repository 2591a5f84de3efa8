package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LoginCommandTest extends CliTestSupport {

  /** No ONCELL_URL / ONCELL_API_KEY: what a user has before logging in. */
  private Map<String, String> loggedOut() {
    Map<String, String> env = new HashMap<>();
    env.put("ONCELL_HOME", home.resolve("oncell-home").toString());
    return env;
  }

  private Properties savedConfig() throws Exception {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(home.resolve(".oncell/config"))) {
      properties.load(reader);
    }
    return properties;
  }

  @Test
  void login_checksTheKeyAndWritesAnOwnerOnlyConfig() throws Exception {
    server.onJson("GET /v1/customers", 200, "{\"customers\": []}");
    String url = server.url().toString();

    Run run = run(loggedOut(), "", "login", "--url", url, "--key", "secret-1");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("Logged in to " + url + System.lineSeparator());
    assertThat(server.lastRequest().header("Authorization")).contains("Bearer secret-1");
    Path config = home.resolve(".oncell/config");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
        .as("config holds a credential: mode 600")
        .isEqualTo("rw-------");
    assertThat(savedConfig().getProperty("url")).isEqualTo(url);
    assertThat(savedConfig().getProperty("key")).isEqualTo("secret-1");
  }

  @Test
  void login_readsTheKeyFromStdinWhenItIsNotAConsole() throws Exception {
    server.onJson("GET /v1/customers", 200, "{\"customers\": []}");

    Run run = run(loggedOut(), "piped-key\nignored\n", "login", "--url", server.url().toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(server.lastRequest().header("Authorization")).contains("Bearer piped-key");
    assertThat(savedConfig().getProperty("key")).isEqualTo("piped-key");
  }

  @Test
  void login_withAWrongKey_failsAndSavesNothing() {
    server.onJson(
        "GET /v1/customers",
        401,
        "{\"error\": {\"code\": \"unauthorized\", \"message\": \"invalid API key\"}}");

    Run run = run(loggedOut(), "", "login", "--url", server.url().toString(), "--key", "bad");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("oncell: invalid API key (unauthorized)" + System.lineSeparator());
    assertThat(home.resolve(".oncell/config")).doesNotExist();
  }

  @Test
  void afterLogin_commandsUseTheSavedUrlAndKey() {
    server.onJson("GET /v1/customers", 200, "{\"customers\": []}");
    run(loggedOut(), "", "login", "--url", server.url().toString(), "--key", "saved-key");

    Run run = run(loggedOut(), "", "customers", "list");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(server.lastRequest().header("Authorization")).contains("Bearer saved-key");
  }

  @Test
  void relogin_replacesTheKeyAndKeepsMode600() throws Exception {
    server.onJson("GET /v1/customers", 200, "{\"customers\": []}");
    String url = server.url().toString();
    run(loggedOut(), "", "login", "--url", url, "--key", "first");

    run(loggedOut(), "", "login", "--url", url, "--key", "second");

    assertThat(savedConfig().getProperty("key")).isEqualTo("second");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve(".oncell/config"))))
        .isEqualTo("rw-------");
    try (var files = Files.list(home.resolve(".oncell"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temp files left")
          .containsExactly("config");
    }
  }
}
