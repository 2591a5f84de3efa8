package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.client.OncellApiException;
import dev.oncell.client.OncellClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oncell serve} restarted with another {@code ONCELL_API_KEY}, as a real child JVM: the old
 * operator key stops working (it can no longer write a secret), and a start with a revoked key
 * stops with a clear error instead of bringing it back.
 */
class ServeKeyRotationTest {

  private static final String OLD = "old-operator-key-0123456789";
  private static final String NEW = "new-operator-key-9876543210";

  @TempDir Path home;

  private ChildServer serve(String key) throws Exception {
    return ChildServer.start(
        home.resolve("state"),
        home.resolve("user"),
        Map.of("ONCELL_API_KEY", key, "ONCELL_EMBEDDING_MODEL", "none"));
  }

  private static int status(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (OncellApiException e) {
      return e.status();
    }
  }

  @Test
  void aNewApiKeyRevokesTheOldOneAndARevokedKeyDoesNotStartTheServer() throws Exception {
    try (ChildServer first = serve(OLD);
        OncellClient client = OncellClient.create(URI.create(first.url()), OLD)) {
      client.secrets().set("OPENAI_API_KEY", "sk-first-0123456789");
    }
    try (ChildServer second = serve(NEW);
        OncellClient old = OncellClient.create(URI.create(second.url()), OLD);
        OncellClient fresh = OncellClient.create(URI.create(second.url()), NEW)) {
      assertThat(status(() -> old.secrets().set("OPENAI_API_KEY", "sk-stolen-0123456789")))
          .as("the old key writes no secret")
          .isEqualTo(401);
      assertThat(status(() -> old.customers().list())).isEqualTo(401);
      assertThat(fresh.secrets().list().getFirst().hint()).isEqualTo("****6789");
      assertThat(fresh.keys().list())
          .extracting(k -> k.status())
          .containsExactly("revoked", "active");
    }
    assertThat(home.resolve("state/operator.key")).doesNotExist();

    assertThatThrownBy(() -> serve(OLD).close())
        .as("a start with the revoked key")
        .hasMessageContaining("revoked_api_key")
        .hasMessageNotContaining(OLD);
    try (ChildServer third = serve(NEW);
        OncellClient fresh = OncellClient.create(URI.create(third.url()), NEW)) {
      assertThat(fresh.customers().list()).isEmpty();
    }
    assertThat(Files.exists(home.resolve("state/control"))).isTrue();
  }
}
