package dev.oncell.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oncell.runtime.LlmBudgetsTest.MovableClock;
import dev.oncell.runtime.fixtures.TestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Key management on a real host: keys stored hashed with a hint, expiry on an injected clock,
 * revocation, and the one bootstrap key that a start or a rotation replaces.
 */
class ApiKeysTest {

  private static final String ENV_KEY = "first-operator-key-0123456789";
  private static final String OTHER_ENV_KEY = "second-operator-key-9876543210";

  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));

  @RegisterExtension
  final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none").withClock(clock));

  private final Path home = oncell.home();
  private Host host;

  private Host open() {
    oncell.stop();
    host = oncell.open();
    return host;
  }

  private ApiKeys keys() {
    return host.apiKeys();
  }

  @Test
  void aCreatedKeyIsShownOnceAndListedOnlyByItsHint() throws Exception {
    open();
    host.cells().create("acme", JsonNodeFactory.instance.objectNode());
    IssuedKey issued = keys().create(NewKey.customer("acme").withName("acme-backend"));
    assertThat(issued.token()).startsWith("oc_cu_").hasSize(6 + 43);
    assertThat(issued.toString()).doesNotContain(issued.token());
    ApiKeyInfo info = issued.info();
    assertThat(info.id()).matches("key_[0-9a-f]{16}");
    assertThat(info.hint())
        .isEqualTo("oc_cu_****" + issued.token().substring(issued.token().length() - 4));
    assertThat(info.scope()).isEqualTo(Principal.Scope.CUSTOMER);
    assertThat(info.customer()).contains("acme");
    assertThat(info.name()).isEqualTo("acme-backend");
    assertThat(info.createdAt()).isEqualTo(clock.instant());
    assertThat(info.status(clock.instant())).isEqualTo(ApiKeyInfo.Status.ACTIVE);

    assertThat(keys().list()).containsExactly(info);
    assertThat(keys().list().toString()).doesNotContain(issued.token());
    Principal p = keys().authenticate(issued.token()).orElseThrow();
    assertThat(p.mayAccess("acme")).isTrue();
    assertThat(p.mayAccess("globex")).isFalse();
    assertThat(p.isOperator()).isFalse();

    oncell.stop();
    try (Stream<Path> files = Files.walk(home)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
            .as("file %s holds only a hash of the key", home.relativize(f))
            .doesNotContain(issued.token());
      }
    }
  }

  @Test
  void aRevokedKeyStopsAtOnceAndRevokingAgainChangesNothing() {
    open();
    IssuedKey ci = keys().create(NewKey.operator().withName("ci"));
    IssuedKey other = keys().create(NewKey.operator());
    assertThat(keys().authenticate(ci.token())).isPresent();

    clock.advance(Duration.ofMinutes(5));
    ApiKeyInfo revoked = keys().revoke(ci.info().id());
    assertThat(revoked.revokedAt()).contains(clock.instant());
    assertThat(revoked.status(clock.instant())).isEqualTo(ApiKeyInfo.Status.REVOKED);
    assertThat(keys().authenticate(ci.token())).as("revoked").isEmpty();
    assertThat(keys().authenticate(other.token())).as("another key still works").isPresent();

    clock.advance(Duration.ofMinutes(5));
    assertThat(keys().revoke(ci.info().id())).isEqualTo(revoked);
    assertThatThrownBy(() -> keys().revoke("key_0000000000000000"))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("not_found"));

    open();
    assertThat(keys().authenticate(ci.token())).as("still revoked after a restart").isEmpty();
  }

  @Test
  void anExpiredKeyIsRefusedWithoutWaiting() {
    open();
    Instant at = clock.instant().plus(Duration.ofHours(1));
    IssuedKey temp = keys().create(NewKey.operator().withExpiry(at));
    assertThat(temp.info().expiresAt()).contains(at);
    clock.advance(Duration.ofMinutes(59));
    assertThat(keys().authenticate(temp.token())).isPresent();
    clock.advance(Duration.ofMinutes(1));
    assertThat(keys().authenticate(temp.token())).as("at its expiry").isEmpty();
    assertThat(keys().list().getFirst().status(clock.instant()))
        .isEqualTo(ApiKeyInfo.Status.EXPIRED);
  }

  @Test
  void badRequestsAreRefusedAndChangeNothing() {
    open();
    host.cells().create("acme", JsonNodeFactory.instance.objectNode());
    assertCode(() -> keys().create(NewKey.customer("nobody")), "unknown_customer");
    assertCode(
        () -> keys().create(NewKey.operator().withExpiry(clock.instant())), "invalid_expiry");
    assertCode(
        () -> keys().create(NewKey.operator().withExpiry(clock.instant().minusSeconds(1))),
        "invalid_expiry");
    assertCode(
        () -> keys().create(NewKey.operator().withExpiry(Instant.parse("+10000-01-01T00:00:00Z"))),
        "invalid_expiry");
    assertCode(
        () -> keys().create(NewKey.operator().withName("x".repeat(201))), "invalid_key_name");
    assertCode(() -> keys().create(NewKey.operator().withName("a\nb")), "invalid_key_name");
    assertThat(keys().list()).isEmpty();
  }

  @Test
  void aCustomersKeyDoesNotReachANewCustomerMadeLaterUnderTheSameId() {
    open();
    host.cells().create("acme", JsonNodeFactory.instance.objectNode());
    String token = keys().issueCustomerToken("acme", "editor");
    assertThat(keys().authenticate(token)).isPresent();
    host.cells().delete("acme");
    assertThat(keys().authenticate(token)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    host.cells().create("acme", JsonNodeFactory.instance.objectNode());
    assertThat(keys().authenticate(token)).as("the old acme's key").isEmpty();
  }

  @Test
  void aStartWithAnotherEnvironmentKeyRevokesThePreviousOne() {
    open();
    assertThat(keys().bootstrapOperatorKey(Optional.of(ENV_KEY))).isEmpty();
    assertThat(keys().authenticate(ENV_KEY).orElseThrow().isOperator()).isTrue();
    ApiKeyInfo first = keys().list().getFirst();
    assertThat(first.bootstrap()).isTrue();
    assertThat(first.hint()).isEqualTo("****6789");
    assertThat(first.name()).isEqualTo("ONCELL_API_KEY");

    open();
    keys().bootstrapOperatorKey(Optional.of(ENV_KEY));
    assertThat(keys().list()).as("the same key again: nothing changes").hasSize(1);

    clock.advance(Duration.ofMinutes(1));
    open();
    keys().bootstrapOperatorKey(Optional.of(OTHER_ENV_KEY));
    assertThat(keys().authenticate(OTHER_ENV_KEY)).isPresent();
    assertThat(keys().authenticate(ENV_KEY)).as("the previous ONCELL_API_KEY").isEmpty();
    assertThat(keys().list())
        .extracting(k -> k.status(clock.instant()))
        .containsExactly(ApiKeyInfo.Status.REVOKED, ApiKeyInfo.Status.ACTIVE);

    open();
    assertThatThrownBy(() -> keys().bootstrapOperatorKey(Optional.of(ENV_KEY)))
        .as("a revoked key never comes back")
        .isInstanceOfSatisfying(
            CellException.class,
            e -> {
              assertThat(e.code()).isEqualTo("revoked_api_key");
              assertThat(e.getMessage()).doesNotContain(ENV_KEY).contains("was revoked at");
            });
    assertThat(keys().authenticate(ENV_KEY)).isEmpty();
    assertThat(keys().authenticate(OTHER_ENV_KEY)).as("refusing changed nothing").isPresent();
  }

  @Test
  void weakOrApiIssuedEnvironmentKeysAreRefused() {
    open();
    assertCode(() -> keys().bootstrapOperatorKey(Optional.of("short")), "weak_api_key");
    assertCode(
        () -> keys().bootstrapOperatorKey(Optional.of("has a space in it 0123")), "weak_api_key");
    assertCode(() -> keys().bootstrapOperatorKey(Optional.of("x".repeat(513))), "weak_api_key");
    IssuedKey issued = keys().create(NewKey.operator());
    assertCode(() -> keys().bootstrapOperatorKey(Optional.of(issued.token())), "revoked_api_key");
    assertThat(keys().list()).hasSize(1);
  }

  @Test
  void theGeneratedKeyIsWrittenAtomicallyAndReplacedWhenItsFileIsGone() throws Exception {
    open();
    String first = keys().bootstrapOperatorKey(Optional.empty()).orElseThrow();
    Path file = home.resolve("operator.key");
    assertThat(Files.readString(file)).isEqualTo(first + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(home.resolve("operator.key.tmp")).doesNotExist();
    assertThat(keys().list().getFirst().hint())
        .isEqualTo("oc_op_****" + first.substring(first.length() - 4));

    open();
    assertThat(keys().bootstrapOperatorKey(Optional.empty())).as("kept").isEmpty();
    assertThat(keys().authenticate(first)).isPresent();

    Files.delete(file);
    open();
    String second = keys().bootstrapOperatorKey(Optional.empty()).orElseThrow();
    assertThat(keys().authenticate(second)).isPresent();
    assertThat(keys().authenticate(first)).as("the lost key").isEmpty();

    open();
    keys().bootstrapOperatorKey(Optional.of(ENV_KEY));
    assertThat(keys().authenticate(second)).as("replaced by ONCELL_API_KEY").isEmpty();
    assertThat(file).as("the file held a revoked key").doesNotExist();
  }

  @Test
  void rotatingTheBootstrapKeyRevokesItAndKeepsOtherKeys() throws Exception {
    open();
    keys().bootstrapOperatorKey(Optional.of(ENV_KEY));
    IssuedKey ci = keys().create(NewKey.operator().withName("ci"));
    ApiKeyInfo bootstrap =
        keys().list().stream().filter(ApiKeyInfo::bootstrap).findFirst().orElseThrow();
    assertCode(() -> keys().revoke(bootstrap.id()), "bootstrap_key");
    assertThat(keys().authenticate(ENV_KEY)).isPresent();

    IssuedKey rotated = keys().rotateBootstrapKey();
    assertThat(rotated.token()).startsWith("oc_op_");
    assertThat(rotated.info().bootstrap()).isTrue();
    assertThat(Files.readString(home.resolve("operator.key")).strip()).isEqualTo(rotated.token());
    assertThat(keys().authenticate(ENV_KEY)).as("the old bootstrap key").isEmpty();
    assertThat(keys().authenticate(rotated.token())).isPresent();
    assertThat(keys().authenticate(ci.token())).as("other keys are untouched").isPresent();

    open();
    assertThat(keys().bootstrapOperatorKey(Optional.empty()))
        .as("a start without ONCELL_API_KEY uses the rotated key in operator.key")
        .isEmpty();
    assertThat(keys().authenticate(rotated.token())).isPresent();
    assertCode(() -> keys().bootstrapOperatorKey(Optional.of(ENV_KEY)), "revoked_api_key");
  }

  @Test
  void anUpgradedControlPlaneKeepsOnlyThisStartsBootstrapKey() throws Exception {
    // A control plane as the previous release left it: a generated key and an ONCELL_API_KEY,
    // both valid forever, and a customer token.
    Path control = home.resolve("control");
    Files.createDirectories(control);
    String url = "jdbc:h2:file:" + control.resolve("oncell") + ";WRITE_DELAY=0";
    Flyway.configure()
        .dataSource(url, "oncell", "")
        .locations("classpath:db/control")
        .target("4.1")
        .load()
        .migrate();
    String generated = "oc_op_old-generated-key-000000000000000000000000";
    try (Connection c = DriverManager.getConnection(url, "oncell", "")) {
      insertOld(c, generated, "OPERATOR", null, "generated");
      insertOld(c, ENV_KEY, "OPERATOR", null, "ONCELL_API_KEY");
    }
    Files.writeString(home.resolve("operator.key"), generated + "\n");

    open();
    assertThat(keys().list())
        .hasSize(2)
        .allSatisfy(
            k -> {
              assertThat(k.id()).matches("key_[0-9a-f]{16}");
              assertThat(k.bootstrap()).isTrue();
            });
    assertThat(keys().list().get(0).id()).isNotEqualTo(keys().list().get(1).id());
    keys().bootstrapOperatorKey(Optional.of(OTHER_ENV_KEY));
    assertThat(keys().authenticate(generated)).isEmpty();
    assertThat(keys().authenticate(ENV_KEY)).isEmpty();
    assertThat(keys().authenticate(OTHER_ENV_KEY)).isPresent();
    List<ApiKeyInfo> active =
        keys().list().stream()
            .filter(k -> k.status(clock.instant()) == ApiKeyInfo.Status.ACTIVE)
            .toList();
    assertThat(active).hasSize(1);
  }

  private static void insertOld(
      Connection c, String token, String scope, String customer, String label) throws Exception {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO api_keys (key_hash, scope, customer_id, label, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, sha256(token));
      s.setString(2, scope);
      s.setString(3, customer);
      s.setString(4, label);
      s.setTimestamp(5, Timestamp.from(Instant.parse("2026-10-01T00:00:00Z")));
      s.executeUpdate();
    }
  }

  private static String sha256(String token) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertCode(Runnable call, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(CellException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
