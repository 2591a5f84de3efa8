package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.wire.CreateKeyJson;
import dev.oncell.client.wire.KeyJson;
import dev.oncell.client.wire.KeysJson;
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
              WireFormat.requireObject(node, "keys");
              List<ApiKey> out = new ArrayList<>();
              for (KeyJson k :
                  WireFormat.required(WireFormat.read(node, KeysJson.class).keys(), "keys")) {
                out.add(key(WireFormat.required(k, "keys[]")));
              }
              return out;
            });
  }

  @Override
  public CreatedKey create(CreateKey request) {
    Objects.requireNonNull(request, "request");
    ObjectNode body =
        WireFormat.MAPPER.valueToTree(
            new CreateKeyJson(
                request.scope(),
                request.customer().orElse(null),
                request.expiresIn().map(Object::toString).orElse(null),
                request.expiresAt().map(Object::toString).orElse(null),
                request.name().orElse(null)));
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
    WireFormat.requireObject(node, "key");
    KeyJson k = WireFormat.read(node, KeyJson.class);
    return new CreatedKey(key(k), WireFormat.required(k.key(), "key"));
  }

  static ApiKey key(KeyJson k) {
    return new ApiKey(
        WireFormat.required(k.id(), "id"),
        k.name() == null ? "" : k.name(),
        WireFormat.required(k.hint(), "hint"),
        WireFormat.required(k.scope(), "scope"),
        Optional.ofNullable(k.customer()),
        k.bootstrap(),
        WireFormat.required(k.status(), "status"),
        WireFormat.instant(k.createdAt(), "createdAt"),
        WireFormat.optionalInstant(k.expiresAt(), "expiresAt"),
        WireFormat.optionalInstant(k.revokedAt(), "revokedAt"));
  }
}
