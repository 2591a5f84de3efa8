package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link Secrets} over {@code /v1/secrets}. */
final class HttpSecrets implements Secrets {

  private final Transport transport;

  HttpSecrets(Transport transport) {
    this.transport = transport;
  }

  private static String path(String name) {
    return "/v1/secrets/" + PathSegments.segment("secret name", name);
  }

  @Override
  public Secret set(String name, String value) {
    Objects.requireNonNull(value, "value");
    return transport
        .sendJson(
            "PUT",
            path(name),
            JsonNodeFactory.instance.objectNode().put("value", value),
            transport.requestTimeout())
        .json(HttpSecrets::secret);
  }

  @Override
  public List<Secret> list() {
    return transport
        .get("/v1/secrets")
        .json(
            node -> {
              List<Secret> out = new ArrayList<>();
              for (JsonNode s : WireFormat.array(node, "secrets")) {
                out.add(secret(s));
              }
              return out;
            });
  }

  @Override
  public void delete(String name) {
    transport.delete(path(name));
  }

  static Secret secret(JsonNode node) {
    WireFormat.requireObject(node, "secret");
    return new Secret(
        WireFormat.text(node, "name"),
        WireFormat.text(node, "hint"),
        WireFormat.instant(node, "updatedAt"));
  }
}
