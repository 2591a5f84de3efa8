package dev.oncell.runtime.internal.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.Memory;
import java.util.List;
import java.util.Optional;

/** {@code ctx.memory()}: the cell's memory, each call a journaled step. */
final class JournaledMemory implements Memory {

  private static final TypeReference<Optional<JsonNode>> OPTIONAL_JSON = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final ChokePoint steps;
  private final Memory memory;

  JournaledMemory(ChokePoint steps, Memory memory) {
    this.steps = steps;
    this.memory = memory;
  }

  @Override
  public void set(String key, JsonNode value) {
    steps.callVoid("memory.set", key, value, () -> memory.set(key, value));
  }

  @Override
  public Optional<JsonNode> get(String key) {
    return steps.call("memory.get", key, key, OPTIONAL_JSON, () -> memory.get(key));
  }

  @Override
  public List<String> keys() {
    return steps.call("memory.keys", "", "", STRINGS, memory::keys);
  }

  @Override
  public boolean delete(String key) {
    return steps.call("memory.delete", key, key, Boolean.class, () -> memory.delete(key));
  }
}
