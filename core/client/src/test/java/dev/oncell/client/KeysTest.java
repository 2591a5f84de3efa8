package dev.oncell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Keys} on the wire: what each call sends and how answers are read. */
class KeysTest extends ClientTestSupport {

  private static final String CREATED =
      """
      {"id": "key_0123456789abcdef", "name": "app", "hint": "oc_cu_****x9Qa",
       "scope": "customer", "customer": "acme", "bootstrap": false, "status": "active",
       "createdAt": "2026-12-01T10:00:00Z", "expiresAt": "2026-12-31T10:00:00Z",
       "revokedAt": null, "key": "oc_cu_secretsecretsecretx9Qa"}
      """;

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void create_sendsScopeCustomerExpiryAndName_andReturnsTheKeyOnce() throws Exception {
    server.onJson("POST /v1/keys", 201, CREATED);

    CreatedKey made =
        client
            .keys()
            .create(CreateKey.customer("acme").withName("app").expiresIn(Duration.ofDays(30)));

    assertThat(mapper.readTree(server.lastRequest().body()))
        .isEqualTo(
            mapper.readTree(
                "{\"scope\":\"customer\",\"customer\":\"acme\",\"expiresIn\":\"PT720H\","
                    + "\"name\":\"app\"}"));
    assertThat(made.key()).isEqualTo("oc_cu_secretsecretsecretx9Qa");
    assertThat(made.toString()).doesNotContain(made.key());
    assertThat(made.info().customer()).contains("acme");
    assertThat(made.info().expiresAt()).contains(Instant.parse("2026-12-31T10:00:00Z"));
    assertThat(made.info().revokedAt()).isEmpty();
    assertThat(made.info().active()).isTrue();
  }

  @Test
  void create_anOperatorKeyWithAnExpiryTime() throws Exception {
    server.onJson("POST /v1/keys", 201, CREATED);

    client.keys().create(CreateKey.operator().expiresAt(Instant.parse("2027-01-01T00:00:00Z")));

    assertThat(mapper.readTree(server.lastRequest().body()))
        .isEqualTo(
            mapper.readTree("{\"scope\":\"operator\",\"expiresAt\":\"2027-01-01T00:00:00Z\"}"));
  }

  @Test
  void list_readsHintsAndStatuses() {
    server.onJson(
        "GET /v1/keys",
        200,
        """
        {"keys": [{"id": "key_1", "name": "ONCELL_API_KEY", "hint": "****6789",
                   "scope": "operator", "customer": null, "bootstrap": true, "status": "revoked",
                   "createdAt": "2026-12-01T10:00:00Z", "expiresAt": null,
                   "revokedAt": "2026-12-02T10:00:00Z"}]}
        """);

    ApiKey key = client.keys().list().getFirst();

    assertThat(key.bootstrap()).isTrue();
    assertThat(key.customer()).isEmpty();
    assertThat(key.active()).isFalse();
    assertThat(key.revokedAt()).contains(Instant.parse("2026-12-02T10:00:00Z"));
  }

  @Test
  void revoke_encodesTheIdAsOneSegment_andRotatePosts() {
    server.on("DELETE /v1/keys/key_a%2Fb", 204, Map.of(), new byte[0]);
    server.onJson("POST /v1/keys/bootstrap/rotate", 200, CREATED);

    client.keys().revoke("key_a/b");
    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/keys/key_a%2Fb");
    assertThat(client.keys().rotateBootstrap().key()).startsWith("oc_cu_");
    assertThat(server.lastRequest().method()).isEqualTo("POST");
  }

  @Test
  void errorsKeepTheServersCode() {
    server.onJson(
        "POST /v1/keys",
        400,
        "{\"error\": {\"code\": \"unknown_customer\", \"message\": \"no customer 'x'\"}}");

    assertThatThrownBy(() -> client.keys().create(CreateKey.customer("x")))
        .isInstanceOfSatisfying(
            OncellApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("unknown_customer");
            });
  }

  @Test
  void expiresInAndExpiresAtTogetherAreRefusedBeforeAnyRequest() {
    assertThatThrownBy(
            () ->
                new CreateKey(
                    java.util.Optional.empty(),
                    java.util.Optional.of(Duration.ofHours(1)),
                    java.util.Optional.of(Instant.EPOCH),
                    java.util.Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.requests()).isEmpty();
  }
}
