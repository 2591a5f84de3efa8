package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.oncell.client.OncellApiException;
import dev.oncell.client.OncellClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oncell serve} as a real child JVM: start-up output, keys, and a SIGKILL in the middle. */
class ServeProcessTest {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
  private static final Pattern GENERATED =
      Pattern.compile("operator key \\(shown once.*\\): (\\S+)");

  @TempDir Path home;
  private final List<ChildServer> servers = new ArrayList<>();

  private ChildServer serve(Map<String, String> env) throws IOException {
    ChildServer server = ChildServer.start(home.resolve("state"), home.resolve("user"), env);
    servers.add(server);
    return server;
  }

  @AfterEach
  void killAll() {
    servers.forEach(ChildServer::close);
  }

  @Test
  void stateSurvivesASigkillOfTheServer() throws Exception {
    Map<String, String> env = Map.of("ONCELL_API_KEY", "crash-test-operator-key");
    ChildServer first = serve(env);
    try (OncellClient client =
        OncellClient.create(URI.create(first.url()), "crash-test-operator-key")) {
      client.customers().create("acme");
      client.memory("acme").put("progress", TextNode.valueOf("step 8 of 15"));
      client
          .files("acme")
          .write("src/app.py", "print('dark mode')".getBytes(StandardCharsets.UTF_8));
      client.customers().create("sleepy");
      client.customers().pause("sleepy");
    }
    first.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.process().exitValue()).isEqualTo(137);

    ChildServer second = serve(env);
    try (OncellClient client =
        OncellClient.create(URI.create(second.url()), "crash-test-operator-key")) {
      assertThat(client.memory("acme").get("progress")).contains(TextNode.valueOf("step 8 of 15"));
      assertThat(new String(client.files("acme").read("src/app.py"), StandardCharsets.UTF_8))
          .isEqualTo("print('dark mode')");
      assertThat(client.customers().get("sleepy").state()).isEqualTo("PAUSED");
      assertThat(client.shell("acme", "cat src/app.py").stdout()).isEqualTo("print('dark mode')");
    }
  }

  @Test
  void generatesAnOperatorKeyOnceAndStoresItPrivately() throws Exception {
    ChildServer first = serve(Map.of());
    Matcher m = GENERATED.matcher(String.join("\n", first.output()));
    assertThat(m.find()).as("first start prints the key: %s", first.output()).isTrue();
    String key = m.group(1);
    Path keyFile = home.resolve("state/operator.key");
    assertThat(Files.readString(keyFile).strip()).isEqualTo(key);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    try (OncellClient client = OncellClient.create(URI.create(first.url()), key)) {
      assertThat(client.customers().list()).isEmpty();
    }
    try (OncellClient wrong = OncellClient.create(URI.create(first.url()), "not-the-key")) {
      OncellApiException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              OncellApiException.class, () -> wrong.customers().list());
      assertThat(e.status()).isEqualTo(401);
    }
    first.process().destroy();
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

    ChildServer second = serve(Map.of());
    assertThat(String.join("\n", second.output())).doesNotContain(key);
    try (OncellClient client = OncellClient.create(URI.create(second.url()), key)) {
      assertThat(client.customers().list()).isEmpty();
    }
  }
}
