package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.Memory;
import dev.oncell.client.wire.MemoryEntryJson;
import dev.oncell.client.wire.MemoryKeysJson;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.Host;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/** {@code /v1/customers/:id/memory[/<key>]}: JSON values by key. */
final class MemoryHandlers {

  private final Host host;
  private final RequestBodies bodies;

  MemoryHandlers(Host host, RequestBodies bodies) {
    this.host = host;
    this.bodies = bodies;
  }

  void keys(ServerRequest req, ServerResponse res) {
    Responses.json(res, 200, new MemoryKeysJson(List.copyOf(memory(req).keys())));
  }

  void get(ServerRequest req, ServerResponse res) {
    String key = key(req);
    JsonNode value =
        memory(req)
            .get(key)
            .orElseThrow(() -> CellException.notFound("not_found", "no memory key '" + key + "'"));
    Responses.json(res, 200, entry(key, value));
  }

  void put(ServerRequest req, ServerResponse res) {
    Memory memory = memory(req);
    String key = key(req);
    JsonNode value = bodies.json(req);
    memory.set(key, value);
    Responses.json(res, 200, entry(key, value));
  }

  void delete(ServerRequest req, ServerResponse res) {
    String key = key(req);
    if (!memory(req).delete(key)) {
      throw CellException.notFound("not_found", "no memory key '" + key + "'");
    }
    Responses.noContent(res);
  }

  private Memory memory(ServerRequest req) {
    return host.cells().cell(CustomerHandlers.id(req)).memory();
  }

  private static String key(ServerRequest req) {
    return PathParams.exact(req, "key", "invalid_key");
  }

  private static MemoryEntryJson entry(String key, JsonNode value) {
    return new MemoryEntryJson(key, value);
  }
}
