package dev.oncell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.server.RunningServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /v1/keys} over a real server: keys made, listed by hint, revoked and expired (on an
 * injected clock), the bootstrap key rotated and replaced by a restart with another ONCELL_API_KEY,
 * and no key ever in a listing, a log record or a file but {@code operator.key}.
 */
@org.junit.jupiter.api.Tag("abuse")
class KeysApiTest {

  private static final String FIRST = "first-operator-key-0123456789";
  private static final String SECOND = "second-operator-key-9876543210";

  /** A clock the test moves forward: expiry without sleeping. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovableClock clock = new MovableClock();

  @RegisterExtension
  final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none").withClock(clock));

  private final Path home = oncell.home();
  private final List<String> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
          if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
              line.append(' ').append(p);
            }
          }
          if (record.getThrown() != null) {
            ByteArrayOutputStream trace = new ByteArrayOutputStream();
            try (PrintWriter w = new PrintWriter(trace, true, StandardCharsets.UTF_8)) {
              record.getThrown().printStackTrace(w);
            }
            line.append('\n').append(trace.toString(StandardCharsets.UTF_8));
          }
          synchronized (logged) {
            logged.add(line.toString());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private RunningServer api;

  private RunningServer start(Optional<String> operatorKey) {
    if (api != null) {
      api.close();
    }
    api = new RunningServer(oncell, operatorKey);
    return api;
  }

  @BeforeEach
  void logs() {
    Logger.getLogger("").addHandler(capture);
    capture.setLevel(Level.ALL);
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
    Logger.getLogger("").removeHandler(capture);
  }

  private Reply call(String method, String path, String body, String key) {
    return api.call(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), key);
  }

  private Reply createKey(String body) {
    return call("POST", "/v1/keys", body, FIRST);
  }

  /** The key {@code id} as {@code GET /v1/keys/} lists it. */
  private JsonNode listed(String id) {
    for (JsonNode k : call("GET", "/v1/keys/", null, FIRST).json().path("keys")) {
      if (k.path("id").asText().equals(id)) {
        return k;
      }
    }
    throw new AssertionError("key " + id + " is not listed");
  }

  @Test
  void anOperatorMakesListsAndRevokesKeys() {
    start(Optional.of(FIRST));
    call("POST", "/v1/customers", "{\"id\":\"acme\"}", FIRST);

    Reply made = createKey("{\"scope\":\"customer\",\"customer\":\"acme\",\"name\":\"acme-app\"}");
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    JsonNode key = made.json();
    String token = key.path("key").asText();
    String id = key.path("id").asText();
    assertThat(token).startsWith("oc_cu_");
    assertThat(id).matches("key_[0-9a-f]{16}");
    assertThat(key.path("hint").asText())
        .isEqualTo("oc_cu_****" + token.substring(token.length() - 4));
    assertThat(key.path("scope").asText()).isEqualTo("customer");
    assertThat(key.path("customer").asText()).isEqualTo("acme");
    assertThat(key.path("status").asText()).isEqualTo("active");
    assertThat(key.path("expiresAt").isNull()).isTrue();

    Reply list = call("GET", "/v1/keys", null, FIRST);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).as("a listing has hints only").doesNotContain(token);
    assertThat(list.json().path("keys")).hasSize(2);
    JsonNode bootstrap =
        listed(
            api.host.apiKeys().list().stream()
                .filter(k -> k.bootstrap())
                .findFirst()
                .orElseThrow()
                .id());
    assertThat(bootstrap.path("bootstrap").asBoolean()).isTrue();
    assertThat(bootstrap.path("scope").asText()).isEqualTo("operator");
    assertThat(bootstrap.path("hint").asText()).isEqualTo("****6789");
    assertThat(bootstrap.has("key")).isFalse();
    assertThat(listed(id).path("name").asText()).isEqualTo("acme-app");

    assertThat(call("PUT", "/v1/customers/acme/files/a.txt", "mine", token).status())
        .isEqualTo(200);
    assertThat(call("DELETE", "/v1/keys/" + id, null, FIRST).status()).isEqualTo(204);
    Reply refused = call("GET", "/v1/customers/acme/files/a.txt", null, token);
    assertThat(refused.status()).as("revoked at once").isEqualTo(401);
    assertThat(refused.body()).doesNotContain(token);
    assertThat(call("DELETE", "/v1/keys/" + id, null, FIRST).status())
        .as("revoking again")
        .isEqualTo(204);
    assertThat(call("DELETE", "/v1/keys/key_0000000000000000", null, FIRST).errorCode())
        .isEqualTo("not_found");
    JsonNode after = listed(id);
    assertThat(after.path("status").asText()).isEqualTo("revoked");
    assertThat(after.path("revokedAt").asText()).isEqualTo(clock.instant().toString());

    Reply own = call("DELETE", "/v1/keys/" + bootstrap.path("id").asText(), null, FIRST);
    assertThat(own.status()).isEqualTo(409);
    assertThat(own.errorCode()).isEqualTo("bootstrap_key");
    assertThat(call("GET", "/v1/keys", null, FIRST).status()).isEqualTo(200);
  }

  @Test
  void badRequestsGetA400AndChangeNothing() {
    start(Optional.of(FIRST));
    call("POST", "/v1/customers", "{\"id\":\"acme\"}", FIRST);
    String before = call("GET", "/v1/keys", null, FIRST).body();
    String[][] cases = {
      {"{\"scope\":\"admin\"}", "invalid_scope"},
      {"{\"scope\":\"operator\",\"customer\":\"acme\"}", "invalid_scope"},
      {"{\"scope\":\"customer\"}", "invalid_request"},
      {"{\"scope\":\"customer\",\"customer\":\"nobody\"}", "unknown_customer"},
      {"{\"scope\":\"customer\",\"customer\":\"../acme\"}", "unknown_customer"},
      {"{}", "invalid_request"},
      {"{\"scope\":7}", "invalid_request"},
      {"{\"scope\":\"operator\",\"extra\":1}", "invalid_request"},
      {"{\"scope\":\"operator\"", "malformed_json"},
      {"{\"scope\":\"operator\",\"expiresAt\":\"2026-11-30T00:00:00Z\"}", "invalid_expiry"},
      {"{\"scope\":\"operator\",\"expiresAt\":\"tomorrow\"}", "invalid_expiry"},
      {"{\"scope\":\"operator\",\"expiresIn\":\"soon\"}", "invalid_expiry"},
      {"{\"scope\":\"operator\",\"expiresIn\":\"0s\"}", "invalid_expiry"},
      {"{\"scope\":\"operator\",\"expiresIn\":\"-PT1H\"}", "invalid_expiry"},
      {"{\"scope\":\"operator\",\"expiresIn\":\"999999999d\"}", "invalid_expiry"},
      {
        "{\"scope\":\"operator\",\"expiresIn\":\"1h\",\"expiresAt\":\"2027-01-01T00:00:00Z\"}",
        "invalid_expiry"
      },
      {"{\"scope\":\"operator\",\"expiresIn\":3600}", "invalid_request"},
      {"{\"scope\":\"operator\",\"name\":\"" + "x".repeat(201) + "\"}", "invalid_key_name"},
    };
    for (String[] c : cases) {
      Reply r = createKey(c[0]);
      assertThat(r.status()).as("%s -> %s", c[0], r.body()).isEqualTo(400);
      assertThat(r.errorCode()).as("%s -> %s", c[0], r.body()).isEqualTo(c[1]);
      assertThat(r.json().path("error").path("message").asText()).isNotBlank();
    }
    assertThat(call("GET", "/v1/keys", null, FIRST).body())
        .as("failed requests change nothing")
        .isEqualTo(before);
  }

  @Test
  void anExpiredKeyIsRefusedWithoutWaiting() {
    start(Optional.of(FIRST));
    JsonNode hour = createKey("{\"scope\":\"operator\",\"expiresIn\":\"1h\"}").json();
    JsonNode iso = createKey("{\"scope\":\"operator\",\"expiresIn\":\"P2D\"}").json();
    JsonNode at =
        createKey("{\"scope\":\"operator\",\"expiresAt\":\"2026-12-01T12:00:00+01:00\"}").json();
    assertThat(hour.path("expiresAt").asText()).isEqualTo("2026-12-01T11:00:00Z");
    assertThat(iso.path("expiresAt").asText()).isEqualTo("2026-12-03T10:00:00Z");
    assertThat(at.path("expiresAt").asText()).isEqualTo("2026-12-01T11:00:00Z");
    String token = hour.path("key").asText();

    clock.advance(Duration.ofMinutes(59));
    assertThat(call("GET", "/v1/customers", null, token).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(1));
    assertThat(call("GET", "/v1/customers", null, token).status()).isEqualTo(401);
    assertThat(call("GET", "/v1/customers", null, iso.path("key").asText()).status())
        .isEqualTo(200);
    assertThat(listed(hour.path("id").asText()).path("status").asText()).isEqualTo("expired");
    assertThat(listed(iso.path("id").asText()).path("status").asText()).isEqualTo("active");
  }

  @Test
  void aRestartWithANewApiKeyInvalidatesTheOldOne() {
    start(Optional.of(FIRST));
    assertThat(call("PUT", "/v1/secrets/TOKEN", "{\"value\":\"v1\"}", FIRST).status())
        .isEqualTo(200);

    start(Optional.of(SECOND));
    Reply old = call("PUT", "/v1/secrets/TOKEN", "{\"value\":\"stolen\"}", FIRST);
    assertThat(old.status()).as("the old operator key writes no secret").isEqualTo(401);
    assertThat(call("GET", "/v1/customers", null, FIRST).status()).isEqualTo(401);
    assertThat(call("PUT", "/v1/secrets/TOKEN", "{\"value\":\"v2\"}", SECOND).status())
        .isEqualTo(200);
    assertThat(api.host.secrets().list().getFirst().updatedAt()).isEqualTo(clock.instant());

    api.close();
    api = null;
    assertThatThrownBy(() -> start(Optional.of(FIRST)))
        .as("a revoked key does not come back")
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("revoked_api_key"));
    start(Optional.of(SECOND));
    assertThat(call("GET", "/v1/customers", null, SECOND).status()).isEqualTo(200);
  }

  @Test
  void rotatingTheBootstrapKeyStopsTheOldOneAtOnce() throws Exception {
    start(Optional.empty());
    Path file = home.resolve("operator.key");
    String generated = Files.readString(file).strip();
    assertThat(call("GET", "/v1/customers", null, generated).status()).isEqualTo(200);
    JsonNode ci = call("POST", "/v1/keys", "{\"scope\":\"operator\"}", generated).json();

    Reply rotated = call("POST", "/v1/keys/bootstrap/rotate", null, generated);
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    String fresh = rotated.json().path("key").asText();
    assertThat(fresh).startsWith("oc_op_").isNotEqualTo(generated);
    assertThat(rotated.json().path("bootstrap").asBoolean()).isTrue();
    assertThat(Files.readString(file).strip()).isEqualTo(fresh);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(call("GET", "/v1/customers", null, generated).status()).isEqualTo(401);
    assertThat(call("GET", "/v1/customers", null, fresh).status()).isEqualTo(200);
    assertThat(call("GET", "/v1/customers", null, ci.path("key").asText()).status())
        .as("other keys are not touched")
        .isEqualTo(200);

    start(Optional.empty());
    assertThat(call("GET", "/v1/customers", null, fresh).status())
        .as("the rotated key survives a restart")
        .isEqualTo(200);
    assertThat(call("GET", "/v1/customers", null, generated).status()).isEqualTo(401);
  }

  @Test
  void noKeyAppearsInAListingALogOrAFileButOperatorKey() throws Exception {
    start(Optional.of(FIRST));
    call("POST", "/v1/customers", "{\"id\":\"acme\"}", FIRST);
    List<String> tokens = new ArrayList<>(List.of(FIRST));
    JsonNode made =
        createKey("{\"scope\":\"customer\",\"customer\":\"acme\",\"expiresIn\":\"1h\"}").json();
    tokens.add(made.path("key").asText());
    tokens.add(createKey("{\"scope\":\"operator\",\"name\":\"ci\"}").json().path("key").asText());
    call("PUT", "/v1/customers/acme/memory/k", "1", tokens.get(1));
    call("GET", "/v1/keys", null, tokens.get(1));
    call("DELETE", "/v1/keys/" + made.path("id").asText(), null, FIRST);
    call("GET", "/v1/customers/acme/memory/k", null, tokens.get(1));
    String rotated =
        call("POST", "/v1/keys/bootstrap/rotate", null, FIRST).json().path("key").asText();
    call("GET", "/v1/customers", null, FIRST);
    tokens.add(rotated);
    start(Optional.of(SECOND));
    tokens.add(SECOND);
    String listing = call("GET", "/v1/keys", null, SECOND).body();
    api.close();
    api = null;

    for (String token : tokens) {
      assertThat(listing).as("the listing").doesNotContain(token);
      synchronized (logged) {
        assertThat(String.join("\n", logged)).as("the server's log").doesNotContain(token);
      }
      try (Stream<Path> files = Files.walk(home)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          assertThat(content).as("file %s", home.relativize(f)).doesNotContain(token);
        }
      }
    }
  }
}
