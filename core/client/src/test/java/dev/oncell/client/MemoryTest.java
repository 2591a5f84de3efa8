package dev.oncell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryTest extends ClientTestSupport {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void put_sendsTheJsonValueToAKeyEncodedAsOneSegment() throws Exception {
    server.onJson(
        "PUT /v1/customers/acme/memory/plans%2Fq1%20draft",
        200, "{\"key\": \"plans/q1 draft\", \"value\": [1, 2]}");

    client.memory("acme").put("plans/q1 draft", mapper.readTree("[1, 2]"));

    assertThat(server.lastRequest().rawPath())
        .isEqualTo("/v1/customers/acme/memory/plans%2Fq1%20draft");
    assertThat(mapper.readTree(server.lastRequest().body())).isEqualTo(mapper.readTree("[1,2]"));
  }

  @Test
  void get_returnsTheValue() throws Exception {
    server.onJson(
        "GET /v1/customers/acme/memory/plan", 200, "{\"key\": \"plan\", \"value\": {\"a\": 1}}");

    assertThat(client.memory("acme").get("plan")).contains(mapper.readTree("{\"a\":1}"));
  }

  @Test
  void get_ofAnAbsentKey_isEmpty() {
    server.onJson(
        "GET /v1/customers/acme/memory/nope",
        404,
        "{\"error\": {\"code\": \"not_found\", \"message\": \"no key nope\"}}");

    assertThat(client.memory("acme").get("nope")).isEmpty();
  }

  @Test
  void get_stillThrowsOtherErrors() {
    server.onJson(
        "GET /v1/customers/acme/memory/plan",
        403,
        "{\"error\": {\"code\": \"forbidden\", \"message\": \"no\"}}");

    assertThatThrownBy(() -> client.memory("acme").get("plan"))
        .isInstanceOfSatisfying(
            OncellApiException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void keys_and_delete() {
    server.onJson("GET /v1/customers/acme/memory", 200, "{\"keys\": [\"a\", \"b\"]}");
    server.on("DELETE /v1/customers/acme/memory/a", 204, Map.of(), new byte[0]);

    assertThat(client.memory("acme").keys()).containsExactly("a", "b");
    client.memory("acme").delete("a");

    assertThat(server.lastRequest().method()).isEqualTo("DELETE");
  }

  @Test
  void emptyKey_isRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> client.memory("acme").get(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.requests()).isEmpty();
  }
}
