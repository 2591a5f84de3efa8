package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link Keys} over {@code /v1/keys}. */
final class HttpKeys implements Keys {

  private final Transport transport;

  HttpKeys(Transport transport) {
    this.transport = transport;
  }

  @Override
  public List<ApiKey> list() {
    return transport
        .get("/v1/keys")
        .json(
            node -> {
              List<ApiKey> out = new ArrayList<>();
              for (JsonNode k : WireFormat.array(node, "keys")) {
                out.add(key(k));
              }
              return out;
            });
  }

  @Override
  public CreatedKey create(CreateKey request) {
    Objects.requireNonNull(request, "request");
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("scope", request.scope());
    request.customer().ifPresent(c -> body.put("customer", c));
    request.expiresIn().ifPresent(d -> body.put("expiresIn", d.toString()));
    request.expiresAt().ifPresent(at -> body.put("expiresAt", at.toString()));
    request.name().ifPresent(n -> body.put("name", n));
    return transport
        .sendJson("POST", "/v1/keys", body, transport.requestTimeout())
        .json(HttpKeys::created);
  }

  @Override
  public void revoke(String id) {
    transport.delete("/v1/keys/" + PathSegments.segment("key id", id));
  }

  @Override
  public CreatedKey rotateBootstrap() {
    return transport.post("/v1/keys/bootstrap/rotate").json(HttpKeys::created);
  }

  private static CreatedKey created(JsonNode node) {
    return new CreatedKey(key(node), WireFormat.text(node, "key"));
  }

  static ApiKey key(JsonNode node) {
    WireFormat.requireObject(node, "key");
    return new ApiKey(
        WireFormat.text(node, "id"),
        WireFormat.optionalText(node, "name").orElse(""),
        WireFormat.text(node, "hint"),
        WireFormat.text(node, "scope"),
        WireFormat.optionalText(node, "customer"),
        node.path("bootstrap").asBoolean(false),
        WireFormat.text(node, "status"),
        WireFormat.instant(node, "createdAt"),
        optionalInstant(node, "expiresAt"),
        optionalInstant(node, "revokedAt"));
  }

  private static Optional<Instant> optionalInstant(JsonNode node, String field) {
    return WireFormat.optionalText(node, field).map(t -> WireFormat.instant(node, field));
  }
}
