package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.runtime.fixtures.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code oncell keys} against a real server: a key is printed once, lists show hints. */
class KeysCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final TestHost oncell = TestHost.create();

  /** The CLI user's home. */
  @TempDir Path tmp;

  private LiveCli cli;

  @BeforeEach
  void start() {
    cli = new LiveCli(oncell, tmp.resolve("user"));
    assertThat(cli.oncell("customers", "create", "acme").exitCode()).isZero();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void createPrintsTheKeyOnceListShowsHintsAndRevokeStopsIt() throws Exception {
    LiveCli.Run made =
        cli.oncell(
            "keys", "create", "--customer", "acme", "--expires-in", "30d", "--name", "acme-app");
    assertThat(made.exitCode()).as(made.toString()).isZero();
    String key = made.out().strip();
    assertThat(key).as("stdout is the key alone").startsWith("oc_cu_").doesNotContain(" ");
    assertThat(made.err())
        .contains("Created key key_")
        .contains("customer:acme")
        .contains("expires");
    String id = made.err().replaceAll("(?s).*Created key (key_[0-9a-f]{16}).*", "$1");

    LiveCli.Run own = cli.oncell("files", "ls", "--customer", "acme", "--key", key);
    assertThat(own.exitCode()).as("the new key reaches acme: %s", own).isZero();

    LiveCli.Run list = cli.oncell("keys", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out())
        .contains("ID")
        .contains(id)
        .contains("customer:acme")
        .contains("operator (bootstrap)")
        .contains("oc_cu_****" + key.substring(key.length() - 4))
        .contains("acme-app")
        .doesNotContain(key);
    JsonNode json = JSON.readTree(cli.oncell("keys", "list", "--json").out());
    assertThat(json.path("keys")).hasSize(2);
    assertThat(json.toString()).doesNotContain(key);

    LiveCli.Run revoked = cli.oncell("keys", "revoke", id);
    assertThat(revoked.out()).contains("Revoked " + id);
    LiveCli.Run refused = cli.oncell("files", "ls", "--customer", "acme", "--key", key);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("(unauthorized)");
    assertThat(cli.oncell("keys", "list").out()).contains("revoked");

    LiveCli.Run unknown = cli.oncell("keys", "revoke", "key_0000000000000000");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("(not_found)");
  }

  @Test
  void createWithJsonAndAnOperatorKey() throws Exception {
    LiveCli.Run made =
        cli.oncell(
            "keys", "create", "--operator", "--expires-at", "2099-01-01T00:00:00Z", "--json");
    assertThat(made.exitCode()).as(made.toString()).isZero();
    JsonNode json = JSON.readTree(made.out());
    assertThat(json.path("scope").asText()).isEqualTo("operator");
    assertThat(json.path("expiresAt").asText()).isEqualTo("2099-01-01T00:00:00Z");
    String key = json.path("key").asText();
    assertThat(cli.oncell("customers", "list", "--key", key).exitCode()).isZero();
  }

  @Test
  void badOptionsAreRefusedAndMakeNoKey() {
    String[][] usage = {
      {"keys", "create"},
      {"keys", "create", "--operator", "--customer", "acme"},
      {"keys", "create", "--operator", "--expires-in", "soon"},
      {"keys", "create", "--operator", "--expires-at", "tomorrow"},
      {
        "keys", "create", "--operator", "--expires-in", "1h", "--expires-at", "2099-01-01T00:00:00Z"
      },
    };
    for (String[] args : usage) {
      LiveCli.Run r = cli.oncell(args);
      assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
    }
    String[][] api = {
      {"keys", "create", "--customer", "nobody"},
      {"keys", "create", "--operator", "--expires-at", "2020-01-01T00:00:00Z"},
    };
    String[] codes = {"(unknown_customer)", "(invalid_expiry)"};
    for (int i = 0; i < api.length; i++) {
      LiveCli.Run r = cli.oncell(api[i]);
      assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
      assertThat(r.err()).contains(codes[i]);
    }
    assertThat(cli.host.apiKeys().list()).as("only the bootstrap key").hasSize(1);
  }

  @Test
  void aCustomerKeyManagesNoKeys() {
    String key = cli.oncell("keys", "create", "--customer", "acme").out().strip();
    for (String[] args :
        new String[][] {
          {"keys", "list", "--key", key},
          {"keys", "create", "--operator", "--key", key},
          {"keys", "rotate-bootstrap", "--key", key},
          {"secrets", "list", "--key", key},
        }) {
      LiveCli.Run r = cli.oncell(args);
      assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
      assertThat(r.err()).contains("(forbidden)");
    }
    assertThat(cli.host.apiKeys().list()).hasSize(2);
  }

  @Test
  void rotateBootstrapReplacesTheOperatorKeyAtOnce() throws Exception {
    LiveCli.Run rotated = cli.oncell("keys", "rotate-bootstrap");
    assertThat(rotated.exitCode()).as(rotated.toString()).isZero();
    String fresh = rotated.out().strip();
    assertThat(fresh).startsWith("oc_op_");
    assertThat(rotated.err()).contains("Rotated the bootstrap key").contains("ONCELL_API_KEY");
    assertThat(Files.readString(oncell.home().resolve("operator.key")).strip()).isEqualTo(fresh);

    LiveCli.Run old = cli.oncell("keys", "list");
    assertThat(old.exitCode()).as("the old ONCELL_API_KEY: %s", old).isEqualTo(1);
    assertThat(old.err()).contains("(unauthorized)");
    LiveCli.Run now = cli.oncell("keys", "list", "--key", fresh);
    assertThat(now.exitCode()).as(now.toString()).isZero();
    assertThat(now.out()).contains("revoked").contains("active").doesNotContain(fresh);
  }
}
