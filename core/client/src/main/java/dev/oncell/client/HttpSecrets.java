package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.client.wire.SecretJson;
import dev.oncell.client.wire.SecretValueJson;
import dev.oncell.client.wire.SecretsJson;
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
            WireFormat.MAPPER.valueToTree(new SecretValueJson(value)),
            transport.requestTimeout())
        .json(HttpSecrets::secret);
  }

  @Override
  public List<Secret> list() {
    return transport
        .get("/v1/secrets")
        .json(
            node -> {
              WireFormat.requireObject(node, "secrets");
              List<Secret> out = new ArrayList<>();
              for (SecretJson s :
                  WireFormat.required(
                      WireFormat.read(node, SecretsJson.class).secrets(), "secrets")) {
                out.add(secret(WireFormat.required(s, "secrets[]")));
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
    return secret(WireFormat.read(node, SecretJson.class));
  }

  private static Secret secret(SecretJson s) {
    return new Secret(
        WireFormat.required(s.name(), "name"),
        WireFormat.required(s.hint(), "hint"),
        WireFormat.instant(s.updatedAt(), "updatedAt"));
  }
}
