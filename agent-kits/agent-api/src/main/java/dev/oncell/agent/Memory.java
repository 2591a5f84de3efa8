package dev.oncell.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Persistent key/value memory scoped to one customer. Values are JSON; a {@link #set} is on disk
 * when it returns and survives pause, restart and a crash of the host.
 */
public interface Memory {

  /** Stores {@code value} under {@code key}, replacing what was there. */
  void set(String key, JsonNode value);

  Optional<JsonNode> get(String key);

  default JsonNode get(String key, JsonNode defaultValue) {
    return get(key).orElse(defaultValue);
  }

  /** All keys, sorted. */
  List<String> keys();

  /** Removes {@code key}; returns whether it existed. */
  boolean delete(String key);
}
