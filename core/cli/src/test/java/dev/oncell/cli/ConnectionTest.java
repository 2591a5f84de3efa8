package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConnectionTest {

  @TempDir Path home;

  private final Map<String, String> env = new HashMap<>();

  private CliEnvironment environment() {
    return new CliEnvironment(
        home,
        env,
        new ByteArrayInputStream(new byte[0]),
        new ByteArrayOutputStream(),
        Optional.empty());
  }

  private Connection resolve(Optional<String> url, Optional<String> key) {
    return Connection.resolve(url, key, environment());
  }

  @Test
  void flagsWinOverEverything() {
    env.put("ONCELL_URL", "http://env:1");
    env.put("ONCELL_API_KEY", "env-key");
    ConfigFile.save(home, URI.create("http://config:2"), "config-key");

    Connection c = resolve(Optional.of("http://flag:3"), Optional.of("flag-key"));

    assertThat(c).isEqualTo(new Connection(URI.create("http://flag:3"), "flag-key"));
  }

  @Test
  void environmentWinsOverTheConfigFile() {
    env.put("ONCELL_URL", "http://env:1");
    env.put("ONCELL_API_KEY", "env-key");
    ConfigFile.save(home, URI.create("http://config:2"), "config-key");

    assertThat(resolve(Optional.empty(), Optional.empty()))
        .isEqualTo(new Connection(URI.create("http://env:1"), "env-key"));
  }

  @Test
  void configFileWinsOverDefaults_eachSettingOnItsOwn() {
    env.put("ONCELL_API_KEY", "env-key");
    ConfigFile.save(home, URI.create("http://config:2"), "config-key");

    assertThat(resolve(Optional.empty(), Optional.empty()))
        .isEqualTo(new Connection(URI.create("http://config:2"), "env-key"));
  }

  @Test
  void defaults_areLocalhostAndTheOperatorKeyInOncellHome() throws Exception {
    Path oncellHome = Files.createDirectories(home.resolve("custom-home"));
    Files.writeString(oncellHome.resolve("operator.key"), "operator-key\n");
    env.put("ONCELL_HOME", oncellHome.toString());

    assertThat(resolve(Optional.empty(), Optional.empty()))
        .isEqualTo(new Connection(URI.create("http://127.0.0.1:8080"), "operator-key"));
  }

  @Test
  void oncellHomeDefaultsToDotOncellUnderHome() throws Exception {
    Files.createDirectories(home.resolve(".oncell"));
    Files.writeString(home.resolve(".oncell/operator.key"), "home-operator-key");

    assertThat(resolve(Optional.empty(), Optional.empty()).key()).isEqualTo("home-operator-key");
  }

  @Test
  void noKeyAnywhere_tellsTheUserToLogIn() {
    assertThatThrownBy(() -> resolve(Optional.empty(), Optional.empty()))
        .isInstanceOfSatisfying(
            CliException.class,
            e -> {
              assertThat(e.getMessage()).contains("oncell login").doesNotContain("\n");
              assertThat(e.code()).isEqualTo("not_logged_in");
            });
  }

  @Test
  void noKeyAnywhere_throughTheCli_isOneLineAndExitOne() {
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new Main(environment()))
            .setExecutionExceptionHandler(new ErrorHandler())
            .setErr(new PrintWriter(err, true))
            .execute("customers", "list");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString())
        .startsWith("oncell: ")
        .contains("oncell login")
        .contains("(not_logged_in)");
  }

  @Test
  void invalidUrl_isAUsageError() {
    env.put("ONCELL_API_KEY", "k");

    assertThatThrownBy(() -> resolve(Optional.of("not a url"), Optional.empty()))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2));
  }
}
